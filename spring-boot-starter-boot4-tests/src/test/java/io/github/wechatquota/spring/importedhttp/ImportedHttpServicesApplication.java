package io.github.wechatquota.spring.importedhttp;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.spring.SimulatedTime;
import io.github.wechatquota.spring.http.AccessTokenRequestInterceptor;
import io.github.wechatquota.spring.httpservice.WeChatHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * An application whose WeChat clients come from {@code @ImportHttpServices} (Spring Framework 7): group
 * {@code wechat}, its base URL from {@code spring.http.serviceclient.wechat.base-url}.
 */
@SpringBootApplication
@Import(SimulatedTime.class)
@ImportHttpServices(group = "wechat", types = {WeChatHttpClient.class, WeChatJsonClient.class})
public class ImportedHttpServicesApplication {

    static final String APP_ID = "wx0123456789abcdef";

    /** Every client of group {@code wechat} sends the account's access token. */
    // README:import-http-services:start
    @Bean
    RestClientHttpServiceGroupConfigurer wechatAccessTokens(ObjectProvider<QuotaGuard> guard) {
        return groups -> groups.filterByName("wechat").forEachClient((group, builder) -> builder.requestInterceptor(
                new AccessTokenRequestInterceptor(guard.getObject().accessTokens(), "wx0123456789abcdef")));
    }
    // README:import-http-services:end
}
