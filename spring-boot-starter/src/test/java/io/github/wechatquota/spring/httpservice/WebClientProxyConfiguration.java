package io.github.wechatquota.spring.httpservice;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.token.AccessTokenProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A WebClient-backed HTTP service proxy made in a {@code @Bean}, as the README shows it. A test configuration, so that
 * {@link HttpServiceClientApplication}'s scan leaves it out; {@link WebClientHttpServiceClientTest} imports it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WebClientProxyConfiguration {

    // README:webclient-http-service-client:start
    @Bean
    WeChatReactiveClient weChatReactiveClient(@Value("${wechat.quota.api-base-url}") String baseUrl,
            QuotaGuard guard) {
        WebClient web = WebClient.builder().baseUrl(baseUrl)
                .filter(accessToken(guard.accessTokens(), "wx0123456789abcdef"))
                .build();
        return HttpServiceProxyFactory.builderFor(WebClientAdapter.create(web)).build()
                .createClient(WeChatReactiveClient.class);
    }

    /** Adds the account's access_token to each request; fetched off the event loop, as it may call WeChat. */
    private static ExchangeFilterFunction accessToken(AccessTokenProvider tokens, String appId) {
        return (request, next) -> Mono.fromCallable(() -> tokens.getAccessToken(appId))
                .subscribeOn(Schedulers.boundedElastic())
                .map(token -> ClientRequest.from(request).url(UriComponentsBuilder.fromUri(request.url())
                        .queryParam("access_token", URLEncoder.encode(token, StandardCharsets.UTF_8))
                        .build(true).toUri()).build())
                .flatMap(next::exchange);
    }
    // README:webclient-http-service-client:end
}
