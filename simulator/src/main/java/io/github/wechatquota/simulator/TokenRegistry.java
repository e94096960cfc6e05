package io.github.wechatquota.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Access tokens as WeChat issues them: a new {@code /cgi-bin/token} replaces the old one, which stays valid for five
 * more minutes; {@code stable_token} hands back the same token until it expires or a forced refresh.
 */
final class TokenRegistry {

    /** Why a token was refused, as the errcode WeChat answers. */
    enum Check {
        VALID(0), MALFORMED(40014), INVALID(40001), EXPIRED(42001);

        final int errcode;

        Check(int errcode) {
            this.errcode = errcode;
        }
    }

    /** A token; a superseded one answers 40001 ("not latest") rather than 42001 once its grace ends. */
    record Issued(String token, String appId, Instant expiresAt, boolean superseded) {
        long expiresInSeconds(Instant now) {
            return Math.max(0, Duration.between(now, expiresAt).getSeconds());
        }
    }

    record Validation(Check check, String appId) {
    }

    private static final Duration OLD_TOKEN_GRACE = Duration.ofMinutes(5);
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{32,512}");

    private final SecureRandom random = new SecureRandom();
    private final Duration lifetime;
    private final Map<String, Issued> byToken = new HashMap<>();
    private final Map<String, Issued> latestByApp = new HashMap<>();
    private final Map<String, Issued> stableByApp = new HashMap<>();

    TokenRegistry(Duration lifetime) {
        this.lifetime = lifetime;
    }

    synchronized Issued issue(String appId, Instant now) {
        Issued previous = latestByApp.get(appId);
        if (previous != null) {
            shorten(previous, now.plus(OLD_TOKEN_GRACE), true);
        }
        Issued issued = newToken(appId, now);
        latestByApp.put(appId, issued);
        return issued;
    }

    synchronized Issued stable(String appId, Instant now, boolean forceRefresh) {
        Issued current = stableByApp.get(appId);
        if (!forceRefresh && current != null && isLive(current, now)) {
            return current;
        }
        if (current != null) {
            shorten(current, now.plus(OLD_TOKEN_GRACE), true);
        }
        Issued issued = newToken(appId, now);
        stableByApp.put(appId, issued);
        return issued;
    }

    synchronized Validation validate(String token, Instant now) {
        if (token == null || !WELL_FORMED.matcher(token).matches()) {
            return new Validation(Check.MALFORMED, null);
        }
        Issued issued = byToken.get(token);
        if (issued == null) {
            return new Validation(Check.INVALID, null);
        }
        if (isLive(issued, now)) {
            return new Validation(Check.VALID, issued.appId());
        }
        return new Validation(issued.superseded() ? Check.INVALID : Check.EXPIRED, issued.appId());
    }

    /** Every token of the app answers 42001 from now on. */
    synchronized void expireAll(String appId, Instant now) {
        byToken.values().stream().filter(t -> t.appId().equals(appId)).toList()
                .forEach(t -> shorten(t, now, false));
    }

    /** Every token of the app answers 40001 from now on, as after a secret reset. */
    synchronized void revokeAll(String appId) {
        byToken.values().removeIf(t -> t.appId().equals(appId));
        latestByApp.remove(appId);
        stableByApp.remove(appId);
    }

    private static boolean isLive(Issued issued, Instant now) {
        return now.isBefore(issued.expiresAt());
    }

    private void shorten(Issued issued, Instant expiresAt, boolean superseded) {
        if (expiresAt.isBefore(issued.expiresAt())) {
            Issued shortened = new Issued(issued.token(), issued.appId(), expiresAt, superseded);
            byToken.put(issued.token(), shortened);
            latestByApp.replace(issued.appId(), issued, shortened);
            stableByApp.replace(issued.appId(), issued, shortened);
        }
    }

    private Issued newToken(String appId, Instant now) {
        // Long-expired tokens are forgotten so that a long run does not grow without bound.
        Instant forgetBefore = now.minus(Duration.ofDays(1));
        byToken.values().removeIf(t -> t.expiresAt().isBefore(forgetBefore));
        byte[] bytes = new byte[96];
        random.nextBytes(bytes);
        Issued issued = new Issued(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), appId,
                now.plus(lifetime), false);
        byToken.put(issued.token(), issued);
        return issued;
    }
}
