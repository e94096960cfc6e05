package io.github.wechatquota.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.Client;
import feign.Feign;
import feign.FeignException;
import feign.Request;
import feign.Retryer;
import io.github.wechatquota.WeChatApiException;
import io.github.wechatquota.WeChatQuotaException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The WeChat admin calls wechat-quota makes itself: read an API's quota, clear quotas, explain a failed call, read the
 * e-waybill balance, get a stable access token.
 *
 * <pre>{@code
 * WeChatAdminClient weChat = WeChatAdminClient.builder().build();
 * ApiQuota quota = weChat.getApiQuota(accessToken, "/cgi-bin/message/custom/send");
 * }</pre>
 *
 * <p>Each method makes exactly one HTTP call and never retries: the engine decides about retries, with the errcode in
 * hand. Failures are unchecked:
 * <ul>
 *   <li>{@link WeChatApiException} when WeChat answers a non-zero errcode (see {@link Errcodes});</li>
 *   <li>{@link WeChatQuotaException} when there is no usable answer: timeout, refused connection, HTTP status outside
 *       2xx, an empty or malformed reply. The message names the operation and shows the start of the reply.</li>
 * </ul>
 * Access tokens and app secrets appear in no message, cause, log line or {@code toString} of this client.
 *
 * <p>Instances are immutable and thread-safe; build one per base URL and share it.
 */
public final class WeChatAdminClient {

    private final URI baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    /** host:port as messages show it; never the full URL, which would carry the token. */
    private final String peer;
    private final WeChatAdminApi api;

    private WeChatAdminClient(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.peer = baseUrl.getPort() < 0 ? baseUrl.getHost() : baseUrl.getHost() + ":" + baseUrl.getPort();
        JsonCodec codec = new JsonCodec();
        this.api = Feign.builder()
                // Streams the body with a fixed length, which also stops HttpURLConnection from silently resending
                // a POST on a dropped keep-alive connection: retries are the engine's decision.
                .client(new Client.Default(null, null))
                // No redirects: following one would send the token in the URL to wherever it points.
                .options(new Request.Options(connectTimeout.toMillis(), TimeUnit.MILLISECONDS,
                        readTimeout.toMillis(), TimeUnit.MILLISECONDS, false))
                .retryer(Retryer.NEVER_RETRY)
                .encoder(codec)
                .decoder(codec)
                .errorDecoder(codec)
                .target(WeChatAdminApi.class, baseUrl.toString());
    }

    /** A builder with WeChat's base URL, a 2 second connect timeout and a 5 second read timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where the calls go, e.g. {@code https://api.weixin.qq.com}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * WeChat's count for one API of the token's account today ({@code /cgi-bin/openapi/quota/get}).
     *
     * @param accessToken a token of the account
     * @param cgiPath the API, e.g. {@code /cgi-bin/message/custom/send}: no host, leading {@code /}
     * @throws WeChatApiException 76021 for an unknown path, 76022 for one the account may not query (every
     *     {@code /sns/} path), 76003 for a malformed one
     */
    public ApiQuota getApiQuota(String accessToken, String cgiPath) {
        requireText(accessToken, "accessToken");
        requireText(cgiPath, "cgiPath");
        Operation operation = Operation.of("getApiQuota for " + cgiPath, accessToken);
        JsonNode reply = send(operation, () -> api.getApiQuota(accessToken, body().put("cgi_path", cgiPath)));
        return Replies.apiQuota(operation, reply);
    }

    /**
     * Resets every daily counter of the account ({@code /cgi-bin/clear_quota}). Uses one of the account's ten clears
     * this month, a budget shared with people clearing in the admin console.
     *
     * @param accessToken a token of the account
     * @param appId the account; must be the token's
     * @throws WeChatApiException 48006 when this month's clears are used up
     */
    public void clearQuota(String accessToken, String appId) {
        requireText(accessToken, "accessToken");
        requireText(appId, "appId");
        Operation operation = Operation.of("clearQuota for appid " + appId, accessToken);
        Replies.ok(operation, send(operation, () -> api.clearQuota(accessToken, body().put("appid", appId))));
    }

    /**
     * Resets every daily counter of the account with its secret instead of a token ({@code /cgi-bin/clear_quota/v2}):
     * the way out when the token API itself is exhausted. Same monthly budget as {@link #clearQuota}.
     *
     * @throws WeChatApiException 40125 for a wrong secret, 48006 when this month's clears are used up
     */
    public void clearQuotaWithSecret(String appId, String appSecret) {
        requireText(appId, "appId");
        requireText(appSecret, "appSecret");
        Operation operation = Operation.of("clearQuotaWithSecret for appid " + appId, appSecret);
        Replies.ok(operation, send(operation,
                () -> api.clearQuotaWithSecret(body().put("appid", appId).put("appsecret", appSecret))));
    }

    /**
     * Resets every daily counter of a third-party platform's own account ({@code /cgi-bin/component/clear_quota/v2}
     * with the platform's secret, no token): the way out when its token APIs are exhausted. Counts against the
     * platform's ten clears a month.
     *
     * @throws WeChatApiException 40125 for a wrong secret, 48006 when this month's clears are used up
     */
    public void clearPlatformQuota(String componentAppId, String componentSecret) {
        requireText(componentAppId, "componentAppId");
        requireText(componentSecret, "componentSecret");
        Operation operation = Operation.of("clearPlatformQuota for component appid " + componentAppId,
                componentSecret);
        Replies.ok(operation, send(operation, () -> api.clearComponentQuota(
                body().put("component_appid", componentAppId).put("appsecret", componentSecret))));
    }

    /**
     * Resets every daily counter of an account authorized to a third-party platform, with the platform's secret
     * ({@code /cgi-bin/component/clear_quota/v2} with {@code appid}): no token of the account is needed. Counts against
     * the account's ten clears a month, shared with its own clears.
     *
     * @throws WeChatApiException 40125 for a wrong secret, 48006 when the account's clears this month are used up
     */
    public void clearQuotaForAuthorizer(String componentAppId, String componentSecret, String appId) {
        requireText(componentAppId, "componentAppId");
        requireText(componentSecret, "componentSecret");
        requireText(appId, "appId");
        Operation operation = Operation.of("clearQuotaForAuthorizer for appid " + appId + " by platform "
                + componentAppId, componentSecret);
        Replies.ok(operation, send(operation, () -> api.clearComponentQuota(body().put("component_appid",
                componentAppId).put("appsecret", componentSecret).put("appid", appId))));
    }

    /**
     * Resets the daily counter of one API ({@code /cgi-bin/openapi/quota/clear}); its own budget, 50 per account per
     * month.
     *
     * @throws WeChatApiException 48006 when this month's API clears are used up; 76021, 76022, 76003 as for
     *     {@link #getApiQuota}
     */
    public void clearApiQuota(String accessToken, String cgiPath) {
        requireText(accessToken, "accessToken");
        requireText(cgiPath, "cgiPath");
        Operation operation = Operation.of("clearApiQuota for " + cgiPath, accessToken);
        Replies.ok(operation, send(operation, () -> api.clearApiQuota(accessToken, body().put("cgi_path", cgiPath))));
    }

    /**
     * What WeChat recorded about a failed call ({@code /cgi-bin/openapi/rid/get}), by the rid at the end of its errmsg
     * ({@code "... rid: 6155a2ba-1cc0a1f1-6d64e27b"}); kept seven days. Credentials in the answer are masked.
     *
     * @throws WeChatApiException 76001 for an unknown or expired rid, 76002 for a malformed one
     */
    public RidInfo getRidInfo(String accessToken, String rid) {
        requireText(accessToken, "accessToken");
        requireText(rid, "rid");
        Operation operation = Operation.of("getRidInfo for rid " + rid, accessToken);
        return Replies.ridInfo(operation, send(operation, () -> api.getRidInfo(accessToken, body().put("rid", rid))));
    }

    /**
     * The e-waybill balance of a courier account bound to a mini program
     * ({@code /cgi-bin/express/business/quota/get}): a balance, not a daily limit; each waybill order uses one.
     *
     * @param deliveryId the courier, e.g. {@code YTO}
     * @param bizId the courier account
     */
    public long getWaybillQuota(String accessToken, String deliveryId, String bizId) {
        requireText(accessToken, "accessToken");
        requireText(deliveryId, "deliveryId");
        requireText(bizId, "bizId");
        Operation operation = Operation.of(
                "getWaybillQuota for delivery_id " + deliveryId + ", biz_id " + bizId, accessToken);
        return Replies.waybillQuota(operation, send(operation,
                () -> api.getWaybillQuota(accessToken, body().put("delivery_id", deliveryId).put("biz_id", bizId))));
    }

    /**
     * An access token from {@code /cgi-bin/stable_token}: the same token until it nears expiry, unless
     * {@code forceRefresh}, which replaces it (and counts against a stricter limit).
     *
     * @throws WeChatApiException 40013 for an unknown appid, 40125 for a wrong secret, 45009/45011 when limited
     */
    public StableToken getStableToken(String appId, String secret, boolean forceRefresh) {
        requireText(appId, "appId");
        requireText(secret, "secret");
        Operation operation = Operation.of("getStableToken for appid " + appId, secret);
        return Replies.stableToken(operation, send(operation, () -> api.getStableToken(body()
                .put("grant_type", "client_credential")
                .put("appid", appId)
                .put("secret", secret)
                .put("force_refresh", forceRefresh))));
    }

    @Override
    public String toString() {
        return "WeChatAdminClient[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }

    private static ObjectNode body() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Makes the call and turns every way it can fail into a {@link WeChatQuotaException} of our own. Feign's
     * exceptions are never passed on, not even as causes: their messages carry the request URL, token included.
     */
    private JsonNode send(Operation operation, Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (UnusableReplyException unusable) {
            throw operation.unusable(unusable);
        } catch (FeignException failure) {
            Throwable cause = failure.getCause();
            if (cause instanceof UnusableReplyException unusable) {
                throw operation.unusable(unusable);
            }
            if (cause instanceof IOException io) {
                throw transportFailure(operation, io);
            }
            throw new WeChatQuotaException(operation.name() + " failed talking to " + peer + ": "
                    + failure.getClass().getSimpleName() + (failure.status() > 0 ? " HTTP " + failure.status() : ""));
        } catch (RuntimeException unexpected) {
            // Not Feign's and not ours, so a bug somewhere: keep it as the cause, unless it carries a credential.
            Throwable cause = operation.safeCause(unexpected);
            throw new WeChatQuotaException(operation.name() + " failed talking to " + peer + ": "
                    + (cause != null ? unexpected : unexpected.getClass().getName()), cause);
        }
    }

    private WeChatQuotaException transportFailure(Operation operation, IOException io) {
        String detail = io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
        String message;
        if (io instanceof SocketTimeoutException) {
            boolean connecting = detail.toLowerCase(Locale.ROOT).contains("connect");
            message = connecting
                    ? operation.name() + " timed out after " + format(connectTimeout) + " connecting to " + peer
                    : operation.name() + " timed out after " + format(readTimeout) + " talking to " + peer;
        } else if (io instanceof ConnectException) {
            message = operation.name() + " could not connect to " + peer + ": " + operation.redact(detail);
        } else {
            message = operation.name() + " failed talking to " + peer + ": " + io.getClass().getSimpleName() + ": "
                    + operation.redact(detail);
        }
        return new WeChatQuotaException(message, operation.safeCause(io));
    }

    /** 5s, 300ms: as a person writes a timeout, not ISO-8601's PT0.3S. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Configures a {@link WeChatAdminClient}; every setting has a default. */
    public static final class Builder {

        private URI baseUrl = URI.create("https://api.weixin.qq.com");
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);

        private Builder() {
        }

        /**
         * Where WeChat is: {@code https://api.weixin.qq.com} unless set; a simulator or a gateway in tests and
         * behind firewalls. An absolute http or https URL, optionally with a path prefix; no query, fragment or
         * user info.
         */
        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl must not be null");
            String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
            if (!baseUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))
                    || baseUrl.getHost() == null) {
                throw new IllegalArgumentException(
                        "baseUrl must be an absolute http or https URL with a host, was " + baseUrl);
            }
            if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl must have no query or fragment, was " + baseUrl);
            }
            if (baseUrl.getRawUserInfo() != null) {
                // Not echoed: user info is a credential.
                throw new IllegalArgumentException("baseUrl must have no user info");
            }
            String url = baseUrl.toString();
            this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            return this;
        }

        /** How long to wait for a connection; 2 seconds unless set. At least a millisecond. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requireTimeout(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for WeChat's answer once connected; 5 seconds unless set. At least a millisecond. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = requireTimeout(readTimeout, "readTimeout");
            return this;
        }

        /** A client with these settings. */
        public WeChatAdminClient build() {
            return new WeChatAdminClient(this);
        }

        private static Duration requireTimeout(Duration timeout, String name) {
            Objects.requireNonNull(timeout, () -> name + " must not be null");
            // HttpURLConnection takes int milliseconds, and 0 would mean "wait forever".
            if (timeout.compareTo(Duration.ofMillis(1)) < 0
                    || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException(
                        name + " must be between 1ms and " + Integer.MAX_VALUE + "ms, was " + timeout);
            }
            return timeout;
        }
    }
}
