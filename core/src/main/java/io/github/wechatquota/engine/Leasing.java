package io.github.wechatquota.engine;

import java.util.Objects;
import java.util.UUID;

/**
 * Whether instances on a shared store take tokens in blocks ({@link Lease}), and this instance's name in the store's
 * lease ledger: unique per guard, so that two guards in one process keep apart.
 */
record Leasing(boolean enabled, String owner) {

    Leasing {
        Objects.requireNonNull(owner, "owner");
    }

    static Leasing on() {
        return new Leasing(true, UUID.randomUUID().toString());
    }

    static Leasing off() {
        return new Leasing(false, "");
    }
}
