package io.github.wechatquota.wxjava;

import cn.binarywang.wx.miniapp.api.WxMaService;
import io.github.wechatquota.token.AccessTokenProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.open.api.WxOpenService;

/**
 * The access tokens WxJava holds, for the guard's own calls (getApiQuota, clear_quota): one token per account, from
 * the service's configuration storage (in memory, Redis, Redisson, RedisTemplate), so that the guard never fetches a
 * token of its own for an account WxJava serves. A token WeChat rejects is expired in that storage, so that WxJava
 * fetches the next one.
 *
 * <pre>{@code
 * QuotaGuard guard = QuotaGuard.builder()
 *         .accessTokenProvider(WxJavaAccessTokens.builder().mp(wxMpService).ma(wxMaService).build())
 *         .build();
 * }</pre>
 */
public final class WxJavaAccessTokens implements AccessTokenProvider {

    private final List<Supplier<? extends Iterable<? extends TokenSource>>> sources;
    private volatile List<TokenSource> resolved;
    private final AccessTokenProvider otherwise;

    private WxJavaAccessTokens(Builder builder) {
        this.sources = List.copyOf(builder.sources);
        this.otherwise = builder.otherwise;
    }

    /** A builder with no services. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The account's token from the WxJava service that serves it.
     *
     * @throws IllegalStateException when WxJava cannot get one, or no service serves the account and no other provider
     *         was given
     */
    @Override
    public String getAccessToken(String appId) {
        List<TokenSource> all = sources();
        for (TokenSource source : all) {
            if (source.servesNow(appId)) {
                return token(source, appId);
            }
        }
        for (TokenSource source : all) {
            String token = token(source, appId);
            if (token != null) {
                return token;
            }
        }
        if (otherwise != null) {
            return otherwise.getAccessToken(appId);
        }
        throw new IllegalStateException("No WxJava service given to WxJavaAccessTokens serves appid " + appId
                + ": add its WxMpService or WxMaService to the builder, or give another provider with otherwise(...)");
    }

    private static String token(TokenSource source, String appId) {
        try {
            return source.token(appId);
        } catch (WxErrorException e) {
            int errcode = e.getError() == null ? -1 : e.getError().getErrorCode();
            String errmsg = e.getError() == null ? "no answer" : e.getError().getErrorMsg();
            throw new IllegalStateException("WxJava's " + source.describe() + " could not get an access token for appid "
                    + appId + ": errcode " + errcode + ", " + errmsg);
        }
    }

    /** Expires {@code token} in the storage of the service that serves the account, so that WxJava fetches anew. */
    @Override
    public void invalidate(String appId, String token) {
        List<TokenSource> all = sources();
        for (TokenSource source : all) {
            if (source.servesNow(appId) && source.expire(appId, token)) {
                return;
            }
        }
        for (TokenSource source : all) {
            if (source.expire(appId, token)) {
                return;
            }
        }
        if (otherwise != null) {
            otherwise.invalidate(appId, token);
        }
    }

    /** The services, asked for once, at the first token request: by then an application's services all exist. */
    private List<TokenSource> sources() {
        List<TokenSource> all = resolved;
        if (all == null) {
            List<TokenSource> found = new ArrayList<>();
            sources.forEach(supplier -> supplier.get().forEach(found::add));
            all = List.copyOf(found);
            resolved = all;
        }
        return all;
    }

    /** Collects the services whose accounts' tokens to use. */
    public static final class Builder {
        private final List<Supplier<? extends Iterable<? extends TokenSource>>> sources = new ArrayList<>();
        private AccessTokenProvider otherwise;

        private Builder() {
        }

        /** Adds a WxMpService (official accounts), single- or multi-account. */
        public Builder mp(WxMpService service) {
            return mpServices(() -> List.of(service));
        }

        /** Adds a WxMaService (mini programs), single- or multi-account. */
        public Builder ma(WxMaService service) {
            return maServices(() -> List.of(service));
        }

        /**
         * Adds a third-party platform: the accounts it is authorized for take their authorizer access tokens (the
         * component's token is never used for another account's quota).
         */
        public Builder open(WxOpenService platform) {
            return openServices(() -> List.of(platform));
        }

        /** Adds WxMpServices known only later (Spring beans, say): asked once, at the first token request. */
        public Builder mpServices(Supplier<? extends Iterable<? extends WxMpService>> services) {
            return later(services, MpTokenSource::new);
        }

        /** Adds WxMaServices known only later (Spring beans, say): asked once, at the first token request. */
        public Builder maServices(Supplier<? extends Iterable<? extends WxMaService>> services) {
            return later(services, MaTokenSource::new);
        }

        /** Adds third-party platforms known only later (Spring beans, say): asked once, at the first token request. */
        public Builder openServices(Supplier<? extends Iterable<? extends WxOpenService>> platforms) {
            return later(platforms, OpenTokenSource::new);
        }

        private <S> Builder later(Supplier<? extends Iterable<? extends S>> services,
                Function<? super S, TokenSource> source) {
            sources.add(() -> {
                List<TokenSource> found = new ArrayList<>();
                services.get().forEach(service -> found.add(source.apply(service)));
                return found;
            });
            return this;
        }

        /** The provider for accounts no WxJava service serves (e.g. ones called through Feign with a secret). */
        public Builder otherwise(AccessTokenProvider otherwise) {
            this.otherwise = otherwise;
            return this;
        }

        public WxJavaAccessTokens build() {
            return new WxJavaAccessTokens(this);
        }
    }
}
