package io.github.wechatquota.wxjava.spring;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.spring.autoconfigure.WeChatQuotaConfigurationException;
import io.github.wechatquota.spring.autoconfigure.WeChatQuotaProperties;
import java.util.List;
import java.util.Set;

/**
 * FALLBACK calls a method the annotated client names; WxJava's requests have none, so a configured FALLBACK that can
 * apply to an account WxJava serves is refused at start-up rather than at the first call past the quota.
 */
final class FallbackPolicies {

    private static final String FIX = "WxJava's requests have no fallback method: use reject, wait or clear-and-retry "
            + "(a refused WxJava call throws WxErrorException 45009), or give the rule an app-id of accounts that only "
            + "annotated clients call.";

    private FallbackPolicies() {
    }

    static void requireNoneFor(Set<String> wxJavaAppIds, WeChatQuotaProperties properties) {
        if (wxJavaAppIds.isEmpty()) {
            return;
        }
        properties.apps().forEach((appId, app) -> {
            if (wxJavaAppIds.contains(appId)) {
                app.apis().forEach((cgiPath, api) -> {
                    if (api.policy() == QuotaPolicy.FALLBACK) {
                        throw new WeChatQuotaConfigurationException("wechat.quota.apps." + appId + ".apis.[" + cgiPath
                                + "].policy", "policy fallback for " + cgiPath + " of " + appId
                                + ", an account WxJava serves", FIX, null);
                    }
                });
            }
        });
        List<WeChatQuotaProperties.Rule> rules = properties.rules();
        for (int i = 0; i < rules.size(); i++) {
            WeChatQuotaProperties.Rule rule = rules.get(i);
            boolean appliesToWxJava = rule.appId() == null || rule.appId().isBlank()
                    || wxJavaAppIds.contains(rule.appId());
            if (rule.policy() == QuotaPolicy.FALLBACK && appliesToWxJava) {
                throw new WeChatQuotaConfigurationException("wechat.quota.rules[" + i + "].policy",
                        "policy fallback for " + rule.match() + " applies to " + (rule.appId() == null
                                || rule.appId().isBlank() ? "every account, those WxJava serves " + wxJavaAppIds
                                        + " included" : rule.appId() + ", an account WxJava serves"), FIX, null);
            }
        }
    }
}
