package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.internal.WaybillOrders;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registered API: one guarded method's declaration, bound lazily to the quota of each account it is called for.
 * Obtain one per method from {@link QuotaGuard#register(ApiDefinition)} and keep it.
 */
public final class GuardedApi {

    private final ApiDefinition definition;
    private final QuotaRegistry registry;
    private final AppDirectory apps;
    /** The policy every binding uses whatever configuration says, or null to resolve it per account. */
    private final QuotaPolicy fixedPolicy;
    private final boolean usesWaybills;
    private final ConcurrentHashMap<String, QuotaBinding> bindings = new ConcurrentHashMap<>();
    private volatile QuotaBinding defaultBinding;

    GuardedApi(ApiDefinition definition, QuotaRegistry registry, AppDirectory apps, QuotaPolicy fixedPolicy) {
        this.definition = definition;
        this.registry = registry;
        this.apps = apps;
        this.fixedPolicy = fixedPolicy;
        this.usesWaybills = WaybillOrders.usesWaybills(definition.cgiPath());
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

    QuotaBinding binding(String appId) {
        if (appId == null || appId.isEmpty()) {
            QuotaBinding binding = defaultBinding;
            if (binding == null) {
                String appIdOfDefault;
                try {
                    appIdOfDefault = apps.defaultAppId();
                } catch (IllegalStateException none) {
                    throw new IllegalStateException("No appid for " + definition.cgiPath() + ": " + none.getMessage(),
                            none);
                }
                binding = binding(appIdOfDefault);
                defaultBinding = binding;
            }
            return binding;
        }
        QuotaBinding binding = bindings.get(appId);
        return binding != null ? binding
                : bindings.computeIfAbsent(appId, account -> registry.bind(definition, account, fixedPolicy));
    }
}
