package io.github.wechatquota.store;

import java.time.Duration;
import java.time.YearMonth;
import java.util.Optional;

/**
 * The store's record of quota clears. Each account gets ten clear_quota calls a calendar month, shared with the admin
 * console; the ledger counts the ones this library made and serialises them so that one exhaustion causes one clear.
 */
public interface ClearLedger {

    /** The clears recorded for the account in the month. */
    int used(String appId, YearMonth month);

    /** Atomically counts one more clear for the month unless {@code maxPerMonth} are already counted. */
    boolean tryReserve(String appId, YearMonth month, int maxPerMonth);

    /** Records that WeChat refused a clear (48006): no more this month, whatever the count says. */
    void markExhausted(String appId, YearMonth month);

    /** Whether WeChat refused a clear this month. */
    boolean exhausted(String appId, YearMonth month);

    /** When the account's counters were last cleared, in epoch milliseconds, or 0. */
    long lastClearedAt(String appId);

    /** Records a successful clear at {@code epochMillis}. */
    void recordCleared(String appId, long epochMillis);

    /**
     * Takes the account's clear lock, waiting up to {@code wait}; the lock is released on close, or by itself after
     * {@code lease} should its holder die.
     */
    Optional<AutoCloseable> lock(String appId, Duration lease, Duration wait) throws InterruptedException;
}
