package io.github.wechatquota.feign;

import feign.Capability;
import feign.InvocationHandlerFactory;
import feign.Target;
import io.github.wechatquota.engine.QuotaGuard;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;

/**
 * Guards every {@code @WeChatApi} method of a Feign client, with no Spring:
 *
 * <pre>{@code
 * WeChatClient client = Feign.builder()
 *         .addCapability(new WeChatQuotaCapability(guard))
 *         .target(WeChatClient.class, "https://api.weixin.qq.com");
 * }</pre>
 *
 * It wraps whatever invocation handler the builder already has (a circuit breaker's, say), so each call is counted
 * once, before any retry or fallback of Feign's own. Methods without the annotation pass straight through.
 */
public final class WeChatQuotaCapability implements Capability {

    private final QuotaGuard guard;

    public WeChatQuotaCapability(QuotaGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * Whether {@code client} is a Feign client this capability guards: other integrations (the Spring aspect) leave
     * its calls alone so that none is counted twice.
     */
    public static boolean isGuarded(Object client) {
        return client != null && java.lang.reflect.Proxy.isProxyClass(client.getClass())
                && java.lang.reflect.Proxy.getInvocationHandler(client) instanceof GuardingInvocationHandler;
    }

    @Override
    public InvocationHandlerFactory enrich(InvocationHandlerFactory delegate) {
        return new InvocationHandlerFactory() {
            @Override
            @SuppressWarnings("rawtypes")
            public InvocationHandler create(Target target, Map<Method, MethodHandler> dispatch) {
                InvocationHandler inner = delegate.create(target, dispatch);
                return new GuardingInvocationHandler(guard, target.type(), inner);
            }
        };
    }
}
