package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.catalog.CgiPath;
import java.util.Objects;

/**
 * What one guarded method declares about the API it calls: the values of its {@link WeChatApi}, checked.
 *
 * @param cgiPath the API's path, e.g. {@code /cgi-bin/message/custom/send}
 * @param dailyLimit the annotated daily limit, or -1
 * @param perMinuteLimit the annotated per-minute limit, or -1
 * @param policy the annotated policy; {@link QuotaPolicy#DEFAULT} leaves it to configuration
 * @param cost the tokens one call takes
 * @param hasFallback whether the method has a fallback to call under {@link QuotaPolicy#FALLBACK}
 */
public record ApiDefinition(String cgiPath, long dailyLimit, long perMinuteLimit, QuotaPolicy policy, int cost,
        boolean hasFallback) {

    /**
     * @throws IllegalArgumentException naming the value and the fix when the definition cannot be guarded
     */
    public ApiDefinition {
        CgiPath.requireValid(cgiPath);
        Objects.requireNonNull(policy, "policy");
        Limits.requireLimit("dailyLimit of " + cgiPath, dailyLimit);
        Limits.requireLimit("perMinuteLimit of " + cgiPath, perMinuteLimit);
        if (cost < 1) {
            throw new IllegalArgumentException("cost of " + cgiPath + " must be at least 1, was " + cost);
        }
        if (dailyLimit > 0 && cost > dailyLimit) {
            throw new IllegalArgumentException("cost of " + cgiPath + " (" + cost + ") exceeds its dailyLimit ("
                    + dailyLimit + "): no call could ever be made");
        }
        if (policy == QuotaPolicy.FALLBACK && !hasFallback) {
            throw new IllegalArgumentException("onExhausted = FALLBACK on " + cgiPath
                    + " needs a fallbackMethod: name a method with the same parameters");
        }
    }

    /**
     * Whether each call also uses one e-waybill of the courier account it names (logistics order add), besides the
     * daily quota.
     */
    public boolean usesWaybills() {
        return cgiPath.equals(WaybillBalances.ORDER_ADD_PATH);
    }

    /** A definition with nothing but the path: limits from WeChat, configuration or catalog; cost 1. */
    public static ApiDefinition of(String cgiPath) {
        return new ApiDefinition(cgiPath, -1, -1, QuotaPolicy.DEFAULT, 1, false);
    }

    /** The definition an annotation declares. */
    public static ApiDefinition of(WeChatApi annotation) {
        return new ApiDefinition(annotation.cgiPath(), annotation.dailyLimit(), annotation.perMinuteLimit(),
                annotation.onExhausted(), annotation.cost(), !annotation.fallbackMethod().isEmpty());
    }
}
