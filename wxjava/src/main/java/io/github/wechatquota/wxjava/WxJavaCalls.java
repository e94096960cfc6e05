package io.github.wechatquota.wxjava;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.catalog.CgiPath;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.GuardedCall;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.wechat.Errcodes;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import me.chanjar.weixin.common.error.WxError;
import me.chanjar.weixin.common.error.WxErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the requests of one WxJava service: one permit per {@code execute} (one logical request; WxJava's own
 * retries of -1 and of a rejected token happen inside it and are not counted again), 45009/45011 from WeChat drain the
 * quota, and a refusal becomes WxJava's own {@link WxErrorException}.
 */
final class WxJavaCalls {

    /** WxJava's side of one request: what its service's {@code execute} would do. */
    @FunctionalInterface
    interface Request<T> {
        T send() throws WxErrorException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WxJavaCalls.class);

    private static final GuardedCall<Attempt<?>> THROUGH_WXJAVA = Attempt::send;

    private final QuotaGuard guard;
    private final ConcurrentHashMap<String, GuardedApi> apis = new ConcurrentHashMap<>();
    private final Set<String> unguardable = ConcurrentHashMap.newKeySet();

    WxJavaCalls(QuotaGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * Sends {@code request} for {@code appId} within the quota of the API {@code url} names.
     *
     * @param apiHost the service's configured API host (its URLs start with it), or null
     */
    <T> T send(String appId, String url, String apiHost, Request<T> request) throws WxErrorException {
        String cgiPath = WxJavaUrls.cgiPath(url, apiHost);
        GuardedApi api = appId == null ? null : api(cgiPath);
        if (api == null) {
            return request.send();
        }
        Attempt<T> attempt = new Attempt<>(request);
        try {
            @SuppressWarnings("unchecked")
            T result = (T) guard.call(api, appId, attempt, THROUGH_WXJAVA);
            return result;
        } catch (AnsweredByWxJava answered) {
            throw answered.error;
        } catch (QuotaExhaustedException exhausted) {
            throw refusal(exhausted, attempt.limitedByWeChat);
        } catch (WxErrorException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable other) {
            throw new IllegalStateException(other);
        }
    }

    private GuardedApi api(String cgiPath) {
        GuardedApi api = apis.get(cgiPath);
        if (api != null) {
            return api;
        }
        if (unguardable.contains(cgiPath)) {
            return null;
        }
        Optional<String> problem = CgiPath.problem(cgiPath);
        if (problem.isPresent()) {
            if (unguardable.add(cgiPath)) {
                LOG.warn("WxJava called {}, which is not a cgi_path wechat-quota can guard ({}); its calls go to "
                        + "WeChat unguarded", cgiPath, problem.get());
            }
            return null;
        }
        return apis.computeIfAbsent(cgiPath, path -> guard.register(ApiDefinition.of(path)));
    }

    /**
     * What a caller of WxJava sees when the quota is used up: WeChat's own 45009/45011 when WeChat said so, else a 45009
     * saying that wechat-quota refused before calling WeChat; the guard's exception is the cause of both.
     */
    static WxErrorException refusal(QuotaExhaustedException exhausted, WxErrorException fromWeChat) {
        if (fromWeChat != null) {
            return new WxErrorException(fromWeChat.getError(), exhausted);
        }
        String resets = exhausted.getResetAt() == null ? "it does not reset by itself"
                : "it resets at " + exhausted.getResetAt();
        String errmsg = "wechat-quota refused " + exhausted.getCgiPath() + " for appid " + exhausted.getAppId()
                + " before calling WeChat: its quota is used up (daily limit "
                + (exhausted.getDailyLimit() < 0 ? "unknown" : exhausted.getDailyLimit()) + "); " + resets;
        return new WxErrorException(WxError.builder().errorCode(Errcodes.DAILY_LIMIT).errorMsg(errmsg).build(),
                exhausted);
    }

    /** One request through the guard: what WeChat answered with 45009/45011 last, for the refusal's message. */
    private static final class Attempt<T> {
        private final Request<T> request;
        private WxErrorException limitedByWeChat;

        Attempt(Request<T> request) {
            this.request = request;
        }

        /**
         * Sends the request. Only 45009 and 45011 reach the guard as errors: WxJava retried -1 and refreshed a rejected
         * token already, so every other error passes the guard unread (it would retry them once more).
         */
        Object send() throws WxErrorException {
            try {
                return request.send();
            } catch (WxErrorException e) {
                int errcode = e.getError() == null ? 0 : e.getError().getErrorCode();
                if (Errcodes.isQuotaExceeded(errcode)) {
                    limitedByWeChat = e;
                    throw e;
                }
                throw new AnsweredByWxJava(e);
            }
        }
    }

    /** Carries an error past the guard's errcode reader: no cause, no errcode of its own. */
    private static final class AnsweredByWxJava extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient WxErrorException error;

        AnsweredByWxJava(WxErrorException error) {
            super(null, null, false, false);
            this.error = error;
        }
    }
}
