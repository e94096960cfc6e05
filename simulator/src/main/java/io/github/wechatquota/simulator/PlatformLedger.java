package io.github.wechatquota.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What WeChat knows of one third-party platform beyond its own account ledger: the verify tickets it pushed and the
 * accounts authorized to it with their refresh tokens. One map entry per authorized account, so that thousands stay
 * cheap; their counters live in their own {@link AccountLedger}s.
 */
final class PlatformLedger {

    /** WeChat pushes a ticket every ten minutes; each is valid twelve hours. */
    static final Duration TICKET_LIFETIME = Duration.ofHours(12);
    private static final int KEPT_TICKETS = 16;

    enum TicketCheck { VALID, EXPIRED, INVALID }

    private final String componentAppId;
    private final String secret;
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> tickets = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > KEPT_TICKETS;
        }
    };

    PlatformLedger(String componentAppId, String secret) {
        this.componentAppId = componentAppId;
        this.secret = secret;
    }

    String componentAppId() {
        return componentAppId;
    }

    boolean secretMatches(String candidate) {
        return secret.equals(candidate);
    }

    /** Records a ticket as pushed now; earlier ones stay usable until their own twelve hours end. */
    synchronized void pushTicket(String ticket, Instant now) {
        tickets.remove(ticket);
        tickets.put(ticket, now);
    }

    synchronized TicketCheck checkTicket(String ticket, Instant now) {
        Instant pushed = tickets.get(ticket);
        if (pushed == null) {
            return TicketCheck.INVALID;
        }
        return now.isBefore(pushed.plus(TICKET_LIFETIME)) ? TicketCheck.VALID : TicketCheck.EXPIRED;
    }

    void authorize(String authorizerAppId, String refreshToken) {
        refreshTokens.put(authorizerAppId, refreshToken);
    }

    boolean isAuthorized(String authorizerAppId) {
        return refreshTokens.containsKey(authorizerAppId);
    }

    Optional<String> refreshToken(String authorizerAppId) {
        return Optional.ofNullable(refreshTokens.get(authorizerAppId));
    }

    int authorizedCount() {
        return refreshTokens.size();
    }
}
