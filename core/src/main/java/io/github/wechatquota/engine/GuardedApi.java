package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.internal.WaybillOrders;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A registered API: one guarded method's declaration, bound lazily to the quota of each account it is called for.
 * Obtain one per method from {@link QuotaGuard#register(ApiDefinition)} and keep it.
 */
public final class GuardedApi {

    /** One account's quota for this API, with the policy this method uses for it. */
    record Binding(KeyState state, QuotaPolicy policy) {
    }

    private final ApiDefinition definition;
    private final Function<String, Binding> binder;
    private final ConcurrentHashMap<String, Binding> bindings = new ConcurrentHashMap<>();
    private final java.util.function.Supplier<String> defaultAppId;
    private final boolean usesWaybills;
    private volatile Binding defaultBinding;

    GuardedApi(ApiDefinition definition, java.util.function.Supplier<String> defaultAppId,
            Function<String, Binding> binder) {
        this.definition = definition;
        this.usesWaybills = WaybillOrders.usesWaybills(definition.cgiPath());
        this.defaultAppId = defaultAppId;
        this.binder = binder;
    }

    /** The declaration this API was registered with. */
    public ApiDefinition definition() {
        return definition;
    }

    /** Whether each call also uses one e-waybill (logistics order add). */
    boolean usesWaybills() {
        return usesWaybills;
    }

    /**
     * Creates the account's quota for this API now rather than at the first call, so that a sync covers it before any
     * call is made. {@code null} is the default account.
     */
    public void bind(String appId) {
        binding(appId);
    }

    Binding binding(String appId) {
        if (appId == null || appId.isEmpty()) {
            Binding binding = defaultBinding;
            if (binding == null) {
                String appIdOfDefault;
                try {
                    appIdOfDefault = defaultAppId.get();
                } catch (IllegalStateException none) {
                    throw new IllegalStateException("No appid for " + definition.cgiPath() + ": " + none.getMessage(),
                            none);
                }
                binding = binding(appIdOfDefault);
                defaultBinding = binding;
            }
            return binding;
        }
        Binding binding = bindings.get(appId);
        return binding != null ? binding : bindings.computeIfAbsent(appId, binder);
    }
}
