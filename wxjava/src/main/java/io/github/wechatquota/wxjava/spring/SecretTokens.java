package io.github.wechatquota.wxjava.spring;

import io.github.wechatquota.spring.autoconfigure.WeChatQuotaProperties;
import io.github.wechatquota.token.AccessTokenProvider;
import io.github.wechatquota.token.StableTokenProvider;
import io.github.wechatquota.wechat.WeChatAdminClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * stable_token with the secrets configured under {@code wechat.quota.apps}, for the accounts no WxJava bean serves
 * (ones an annotated client calls, say).
 */
final class SecretTokens {

    private SecretTokens() {
    }

    /** @param clock the application's clock, which the guard runs on too */
    static Optional<AccessTokenProvider> of(WeChatQuotaProperties properties, Clock clock) {
        Map<String, String> secrets = new LinkedHashMap<>();
        properties.apps().forEach((appId, app) -> {
            if (app.secret() != null && !app.secret().isBlank()) {
                secrets.put(appId, app.secret());
            }
        });
        if (secrets.isEmpty()) {
            return Optional.empty();
        }
        WeChatAdminClient admin = WeChatAdminClient.builder().baseUrl(properties.apiBaseUrl()).build();
        return Optional.of(new StableTokenProvider(secrets, admin::getStableToken, clock,
                Duration.ofMinutes(5)));
    }
}
