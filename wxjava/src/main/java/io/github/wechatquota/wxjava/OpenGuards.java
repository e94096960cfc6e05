package io.github.wechatquota.wxjava;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.ConcurrentHashMap;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.open.api.WxOpenComponentService;
import me.chanjar.weixin.open.api.WxOpenConfigStorage;
import me.chanjar.weixin.open.api.WxOpenMaService;
import me.chanjar.weixin.open.api.WxOpenMpService;
import me.chanjar.weixin.open.api.WxOpenService;

/**
 * A third-party platform's {@link WxOpenService} whose component service hands out guarded authorizer services: {@code
 * getWxMpServiceByAppid} and {@code getWxMaServiceByAppid} give services built as WxJava builds them, whose requests
 * take permits from the authorized account's quota. The platform's token refreshes asked of the component service
 * ({@code getComponentAccessToken}, {@code getAuthorizerAccessToken}, also those its authorizer services ask for) take
 * a permit from the platform's quota of the token API when they will reach WeChat (the token expired, or a refresh is
 * forced), so that a refresh storm is refused before it exhausts them. Everything else is the platform's own.
 */
final class OpenGuards {

    private static final String COMPONENT_TOKEN_URL = "https://api.weixin.qq.com/cgi-bin/component/api_component_token";
    private static final String AUTHORIZER_TOKEN_URL =
            "https://api.weixin.qq.com/cgi-bin/component/api_authorizer_token";

    private OpenGuards() {
    }

    static WxOpenService guard(WxOpenService platform, WxJavaCalls calls) {
        WxOpenComponentService component = (WxOpenComponentService) Proxy.newProxyInstance(
                OpenGuards.class.getClassLoader(), new Class<?>[] {WxOpenComponentService.class, WxJavaGuarded.class},
                new Component(platform, calls));
        return (WxOpenService) Proxy.newProxyInstance(OpenGuards.class.getClassLoader(),
                new Class<?>[] {WxOpenService.class, WxJavaGuarded.class}, (proxy, method, args) ->
                        method.getName().equals("getWxOpenComponentService") && method.getParameterCount() == 0
                                ? component : forward(platform, method, args));
    }

    /** The platform's component service, with guarded authorizer services. */
    private static final class Component implements InvocationHandler {
        private final WxOpenService platform;
        private final WxJavaCalls calls;
        private final ConcurrentHashMap<String, WxOpenMpService> officialAccounts = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, WxOpenMaService> miniPrograms = new ConcurrentHashMap<>();

        Component(WxOpenService platform, WxJavaCalls calls) {
            this.platform = platform;
            this.calls = calls;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("getComponentAccessToken") && method.getParameterCount() == 1) {
                boolean force = (Boolean) args[0];
                WxOpenConfigStorage storage = platform.getWxOpenConfigStorage();
                return force || storage.isComponentAccessTokenExpired()
                        ? tokenRefresh(COMPONENT_TOKEN_URL, method, args) : forward(component(), method, args);
            }
            if (method.getName().equals("getAuthorizerAccessToken") && method.getParameterCount() == 2) {
                boolean force = (Boolean) args[1];
                WxOpenConfigStorage storage = platform.getWxOpenConfigStorage();
                return force || storage.isAuthorizerAccessTokenExpired((String) args[0])
                        ? tokenRefresh(AUTHORIZER_TOKEN_URL, method, args) : forward(component(), method, args);
            }
            boolean byAppId = method.getParameterCount() == 1 && method.getParameterTypes()[0] == String.class;
            if (byAppId && method.getName().equals("getWxMpServiceByAppid")) {
                return officialAccounts.computeIfAbsent((String) args[0],
                        appId -> officialAccount((WxOpenComponentService) proxy, appId));
            }
            if (byAppId && method.getName().equals("getWxMaServiceByAppid")) {
                return miniPrograms.computeIfAbsent((String) args[0],
                        appId -> miniProgram((WxOpenComponentService) proxy, appId));
            }
            return forward(component(), method, args);
        }

        private WxOpenComponentService component() {
            return platform.getWxOpenComponentService();
        }

        /** A token request that will reach WeChat: one permit of the platform's quota of that token API. */
        private Object tokenRefresh(String url, Method method, Object[] args) throws WxErrorException {
            String componentAppId = platform.getWxOpenConfigStorage().getComponentAppId();
            return calls.send(componentAppId, url, null, () -> {
                try {
                    return forward(component(), method, args);
                } catch (WxErrorException | RuntimeException | Error e) {
                    throw e;
                } catch (Throwable other) {
                    throw new IllegalStateException(other);
                }
            });
        }

        private WxOpenMpService officialAccount(WxOpenComponentService component, String appId) {
            WxOpenConfigStorage storage = platform.getWxOpenConfigStorage();
            WxOpenMpService service = new GuardedWxOpenMpService(component, appId, storage.getWxMpConfigStorage(appId),
                    calls);
            service.setMaxRetryTimes(storage.getMaxRetryTimes());
            service.setRetrySleepMillis(storage.getRetrySleepMillis());
            return service;
        }

        private WxOpenMaService miniProgram(WxOpenComponentService component, String appId) {
            WxOpenConfigStorage storage = platform.getWxOpenConfigStorage();
            WxOpenMaService service = new GuardedWxOpenMaService(component, appId, storage.getWxMaConfig(appId), calls);
            service.setMaxRetryTimes(storage.getMaxRetryTimes());
            service.setRetrySleepMillis(storage.getRetrySleepMillis());
            return service;
        }
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
