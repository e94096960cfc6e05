package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.store.QuotaStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The quotas of this guard by key: created when an API is first bound for an account, declared by every method that
 * binds it, and asked of WeChat once when created.
 */
final class QuotaRegistry {

    /** The token API: its quota is synced only after a token exists, so never on first use. */
    static final String STABLE_TOKEN_PATH = "/cgi-bin/stable_token";

    private final QuotaStore store;
    private final StoreCircuit circuit;
    private final String keyPrefix;
    private final QuotaDays days;
    private final LimitResolver resolver;
    private final QuotaSyncer syncer;
    private final boolean syncOnFirstUse;
    private final Map<QuotaKey, KeyState> states = new ConcurrentHashMap<>();

    QuotaRegistry(QuotaStore store, StoreCircuit circuit, String keyPrefix, QuotaDays days, LimitResolver resolver,
            QuotaSyncer syncer, boolean syncOnFirstUse) {
        this.store = store;
        this.circuit = circuit;
        this.keyPrefix = keyPrefix;
        this.days = days;
        this.resolver = resolver;
        this.syncer = syncer;
        this.syncOnFirstUse = syncOnFirstUse;
    }

    /**
     * The account's quota for the API, declared by {@code definition}, with the policy in force: {@code fixedPolicy}
     * when given, else what configuration, annotation, rules and default say.
     *
     * @throws IllegalArgumentException when the policy or the cost cannot work for this account
     */
    QuotaBinding bind(ApiDefinition definition, String appId, QuotaPolicy fixedPolicy) {
        QuotaKey key = new QuotaKey(appId, definition.cgiPath());
        QuotaPolicy policy = fixedPolicy != null ? fixedPolicy : resolver.policy(key, definition.policy());
        if (policy == QuotaPolicy.FALLBACK && !definition.hasFallback()) {
            throw new IllegalArgumentException("Policy FALLBACK applies to " + key + " (from configuration or a rule) but "
                    + "its method names no fallbackMethod: add one to its @WeChatApi, or choose another policy for it");
        }
        boolean[] created = new boolean[1];
        KeyState state = states.computeIfAbsent(key, k -> {
            created[0] = true;
            return new KeyState(k, keyPrefix + ":" + k.appId() + ":" + k.cgiPath(), days, resolver, circuit);
        });
        state.declare(definition, policy);
        long usable = state.currentLimits().usable();
        if (usable > 0 && definition.cost() > usable) {
            throw new IllegalArgumentException("cost " + definition.cost() + " of " + key + " exceeds its usable daily "
                    + "limit " + usable + ": no call could ever be made");
        }
        if (created[0] && syncOnFirstUse && state.queryable() && !definition.cgiPath().equals(STABLE_TOKEN_PATH)) {
            syncer.sync(state);
        }
        return new QuotaBinding(state, policy);
    }

    /** Every quota, declared or being declared. */
    Collection<KeyState> all() {
        return List.copyOf(states.values());
    }

    /** The quotas of one account. */
    List<KeyState> ofApp(String appId) {
        return states.values().stream().filter(state -> state.key.appId().equals(appId)).toList();
    }

    Optional<KeyState> get(QuotaKey key) {
        return Optional.ofNullable(states.get(key));
    }
}
