package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;

/**
 * One account's quota for one registered API, with the policy that API uses for it.
 *
 * @param state the quota
 * @param policy the policy in force for calls through this binding
 */
record QuotaBinding(KeyState state, QuotaPolicy policy) {
}
