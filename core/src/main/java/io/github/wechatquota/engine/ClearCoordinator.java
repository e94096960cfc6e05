package io.github.wechatquota.engine;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.WeChatApiException;
import io.github.wechatquota.WeChatQuotaException;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.errcode.ErrcodeExtractor;
import io.github.wechatquota.store.ClearLedger;
import io.github.wechatquota.wechat.Errcodes;
import io.github.wechatquota.wechat.WeChatAdminClient;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spends a monthly clear, once per exhaustion across every thread and instance sharing the store: the clear lock
 * serialises attempts, and an attempt that finds a clear newer than its exhaustion makes none.
 */
final class ClearCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(ClearCoordinator.class);
    private static final Duration LOCK_LEASE = Duration.ofSeconds(30);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(15);

    private final ClearLedger ledger;
    private final WeChatAdminClient admin;
    private final TokenCalls tokens;
    private final AppDirectory apps;
    private final ErrcodeExtractor errcodes;
    private final Clock clock;
    private final ZoneId zone;
    private final int maxPerMonth;
    private final Listeners listeners;
    private final QuotaRegistry quotas;
    private final QuotaSyncer syncer;

    /**
     * @param tokens tokens for clear_quota; when the guard fetches them itself, a fetch refused for an exhausted token
     *     API must fail rather than apply the token API's policy, which may be a clear: clear_quota/v2 is used instead
     */
    ClearCoordinator(ClearLedger ledger, WeChatAdminClient admin, TokenCalls tokens, AppDirectory apps,
            ErrcodeExtractor errcodes, Clock clock, ZoneId zone, int maxPerMonth, Listeners listeners,
            QuotaRegistry quotas, QuotaSyncer syncer) {
        this.ledger = ledger;
        this.admin = admin;
        this.tokens = tokens;
        this.apps = apps;
        this.errcodes = errcodes;
        this.clock = clock;
        this.zone = zone;
        this.maxPerMonth = maxPerMonth;
        this.listeners = listeners;
        this.quotas = quotas;
        this.syncer = syncer;
    }

    /**
     * Clears the account unless it was cleared at or after {@code exhaustedAt} (epoch millis).
     */
    ClearResult clearOnce(String appId, long exhaustedAt) {
        ClearResult result = attempt(appId, exhaustedAt);
        listeners.clear(appId, result);
        if (result == ClearResult.CLEARED) {
            syncer.syncAll(quotas.ofApp(appId)); // WeChat's figures after the clear, in the background
        }
        return result;
    }

    private ClearResult attempt(String appId, long exhaustedAt) {
        if (ledger.lastClearedAt(appId) >= exhaustedAt) {
            return ClearResult.ALREADY_CLEARED;
        }
        Optional<AutoCloseable> lock;
        try {
            lock = ledger.lock(appId, LOCK_LEASE, LOCK_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ClearResult.FAILED;
        }
        if (lock.isEmpty()) {
            LOG.warn("Clear of appid {} not attempted: another clear held the lock for over {}", appId, LOCK_WAIT);
            return ClearResult.FAILED;
        }
        try {
            if (ledger.lastClearedAt(appId) >= exhaustedAt) {
                return ClearResult.ALREADY_CLEARED;
            }
            YearMonth month = YearMonth.now(clock.withZone(zone));
            if (ledger.exhausted(appId, month) || ledger.used(appId, month) >= maxPerMonth) {
                LOG.warn("Clear of appid {} not attempted: {} of {} clears used in {}{}", appId,
                        ledger.used(appId, month), maxPerMonth, month,
                        ledger.exhausted(appId, month) ? " and WeChat refused one (48006)" : "");
                return ClearResult.BUDGET_EXHAUSTED;
            }
            Attempt attempt = new Attempt();
            ClearResult result = callWeChat(appId, month, attempt);
            if (attempt.mayHaveCleared()) {
                // Counted under the lock, and only when WeChat accepted it or may have (no answer): a clear it
                // refused (a wrong secret, a rejected token, 48006) costs nothing of the month's budget.
                ledger.tryReserve(appId, month, maxPerMonth);
            }
            if (result == ClearResult.CLEARED) {
                // Refill first, record after: a caller that found the quota empty before the refill must find this
                // clear newer than its exhaustion, or it clears a second time for the same one.
                try {
                    quotas.ofApp(appId).forEach(KeyState::refillAfterClear);
                } finally {
                    ledger.recordCleared(appId, clock.millis());
                }
                LOG.info("Cleared the daily quotas of appid {} ({} of {} this month)", appId,
                        ledger.used(appId, month), maxPerMonth);
            }
            return result;
        } catch (RuntimeException e) {
            LOG.warn("Clear of appid {} failed: {}", appId, e.getMessage());
            return ClearResult.FAILED;
        } finally {
            release(appId, lock.get());
        }
    }

    /** A lock that cannot be released (the store went away) expires with its lease; the clear's outcome stands. */
    private static void release(String appId, AutoCloseable lock) {
        try {
            lock.close();
        } catch (Exception e) {
            LOG.warn("Clear lock of appid {} not released ({}); it expires with its lease", appId, e.getMessage());
        }
    }

    /** What became of one clear request: whether it was sent, and whether WeChat answered it. */
    private static final class Attempt {
        private boolean sent;
        private boolean answered;
        private boolean accepted;

        /** Accepted, or sent and never answered (a timeout): WeChat may have cleared and counted it. */
        boolean mayHaveCleared() {
            return accepted || (sent && !answered);
        }
    }

    private ClearResult callWeChat(String appId, YearMonth month, Attempt attempt) {
        try {
            AppSettings app = apps.settings(appId);
            Optional<AppSettings> platform = apps.platformOf(appId).filter(AppSettings::hasSecret);
            if (platform.isPresent()) {
                // A platform clears its authorized account with its own secret: no token of the account is needed.
                attempt.sent = true;
                admin.clearQuotaForAuthorizer(platform.get().appId(), platform.get().secret().orElseThrow(), appId);
            } else if (app.accountType() == AccountType.THIRD_PARTY_PLATFORM && app.hasSecret()) {
                attempt.sent = true;
                admin.clearPlatformQuota(appId, app.secret().orElseThrow());
            } else {
                clearWithToken(appId, app, attempt);
            }
            attempt.answered = true;
            attempt.accepted = true;
            return ClearResult.CLEARED;
        } catch (WeChatApiException e) {
            attempt.answered = true;
            if (e.getErrcode() == Errcodes.CLEAR_LIMIT) {
                ledger.markExhausted(appId, month);
                LOG.warn("WeChat refused to clear appid {} (48006): its ten clears this month are used, "
                        + "console included; CLEAR_AND_RETRY rejects until next month", appId);
                return ClearResult.REFUSED_BY_WECHAT;
            }
            LOG.warn("Clear of appid {} failed, WeChat refused it (not counted in the month's budget): {}", appId,
                    e.getMessage());
            return ClearResult.FAILED;
        } catch (WeChatQuotaException e) {
            LOG.warn("Clear of appid {} failed{}: {}", appId, attempt.sent
                    ? " without an answer (counted in the month's budget: WeChat may have cleared)" : "",
                    e.getMessage());
            return ClearResult.FAILED;
        }
    }

    private void clearWithToken(String appId, AppSettings app, Attempt attempt) {
        try {
            tokens.withToken(appId, token -> {
                attempt.sent = true;
                admin.clearQuota(token, appId);
                return null;
            });
        } catch (RuntimeException tokenOrCall) {
            if (!tokenApiExhausted(tokenOrCall) || !app.hasSecret()) {
                throw tokenOrCall;
            }
            // The token API itself is used up: clear_quota/v2 needs no token, only the secret.
            LOG.info("Token API of appid {} is exhausted; clearing with clear_quota/v2", appId);
            attempt.sent = true;
            attempt.answered = false;
            admin.clearQuotaWithSecret(appId, app.secret().orElseThrow());
        }
    }

    private boolean tokenApiExhausted(RuntimeException e) {
        if (e instanceof QuotaExhaustedException exhausted) {
            return exhausted.getCgiPath().endsWith("token");
        }
        return errcodes.fromException(e) == Errcodes.DAILY_LIMIT;
    }

    QuotaGuard.ClearStatus status(String appId) {
        YearMonth month = YearMonth.now(clock.withZone(zone));
        return new QuotaGuard.ClearStatus(ledger.used(appId, month), maxPerMonth, ledger.exhausted(appId, month));
    }
}
