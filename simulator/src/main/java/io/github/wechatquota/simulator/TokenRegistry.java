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
 * more minutes; {@code stable_token} hands back the same token until it expires or a forced refresh. A third-party
 * platform's component_access_token and the authorizer_access_token it gets for an authorized account are tokens of
 * their own kind: each replaces only the previous one of its kind and app.
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

    /** Who a token speaks for: the account itself, a platform for itself, or a platform for an authorized account. */
    enum Kind { ACCESS, COMPONENT, AUTHORIZER }

    /**
     * A token; a superseded one answers 40001 ("not latest") rather than 42001 once its grace ends. {@code platformId}
     * is the component appid for COMPONENT and AUTHORIZER tokens, null for ACCESS ones.
     */
    record Issued(String token, String appId, Kind kind, String platformId, Instant expiresAt, boolean superseded) {
        long expiresInSeconds(Instant now) {
            return Math.max(0, Duration.between(now, expiresAt).getSeconds());
        }
    }

    record Validation(Check check, String appId, Kind kind, String platformId) {
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
        return issue(appId, Kind.ACCESS, null, now);
    }

    /** A new token of the kind for the app; the previous one of that kind stays valid five more minutes. */
    synchronized Issued issue(String appId, Kind kind, String platformId, Instant now) {
        String key = latestKey(kind, appId);
        Issued previous = latestByApp.get(key);
        if (previous != null) {
            shorten(previous, now.plus(OLD_TOKEN_GRACE), true);
        }
        Issued issued = newToken(appId, kind, platformId, now);
        latestByApp.put(key, issued);
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
        Issued issued = newToken(appId, Kind.ACCESS, null, now);
        stableByApp.put(appId, issued);
        return issued;
    }

    synchronized Validation validate(String token, Instant now) {
        if (token == null || !WELL_FORMED.matcher(token).matches()) {
            return new Validation(Check.MALFORMED, null, null, null);
        }
        Issued issued = byToken.get(token);
        if (issued == null) {
            return new Validation(Check.INVALID, null, null, null);
        }
        Check check = isLive(issued, now) ? Check.VALID : issued.superseded() ? Check.INVALID : Check.EXPIRED;
        return new Validation(check, issued.appId(), issued.kind(), issued.platformId());
    }

    /** Every token of the app answers 42001 from now on. */
    synchronized void expireAll(String appId, Instant now) {
        byToken.values().stream().filter(t -> t.appId().equals(appId)).toList()
                .forEach(t -> shorten(t, now, false));
    }

    /** Every token of the app answers 40001 from now on, as after a secret reset. */
    synchronized void revokeAll(String appId) {
        byToken.values().removeIf(t -> t.appId().equals(appId));
        for (Kind kind : Kind.values()) {
            latestByApp.remove(latestKey(kind, appId));
        }
        stableByApp.remove(appId);
    }

    private static boolean isLive(Issued issued, Instant now) {
        return now.isBefore(issued.expiresAt());
    }

    private void shorten(Issued issued, Instant expiresAt, boolean superseded) {
        if (expiresAt.isBefore(issued.expiresAt())) {
            Issued shortened = new Issued(issued.token(), issued.appId(), issued.kind(), issued.platformId(), expiresAt,
                    superseded);
            byToken.put(issued.token(), shortened);
            latestByApp.replace(latestKey(issued.kind(), issued.appId()), issued, shortened);
            stableByApp.replace(issued.appId(), issued, shortened);
        }
    }

    private static String latestKey(Kind kind, String appId) {
        return kind.name() + '\n' + appId;
    }

    private Issued newToken(String appId, Kind kind, String platformId, Instant now) {
        // Long-expired tokens are forgotten so that a long run does not grow without bound.
        Instant forgetBefore = now.minus(Duration.ofDays(1));
        byToken.values().removeIf(t -> t.expiresAt().isBefore(forgetBefore));
        byte[] bytes = new byte[96];
        random.nextBytes(bytes);
        Issued issued = new Issued(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), appId, kind,
                platformId, now.plus(lifetime), false);
        byToken.put(issued.token(), issued);
        return issued;
    }
}
