package io.github.wechatquota.wechat;

import io.github.wechatquota.internal.Redaction;

import io.github.wechatquota.WeChatQuotaException;
import java.util.ArrayList;
import java.util.List;

/**
 * One admin call in progress: its name for messages ("getApiQuota for /cgi-bin/menu/create") and the credentials
 * it carries, which must stay out of every message and cause built for it.
 */
final class Operation {

    /** How much of a reply body a message shows: enough to recognise it, not enough to flood a log. */
    static final int BODY_SHOWN = 200;

    private final String name;
    private final List<String> secrets;

    private Operation(String name, List<String> secrets) {
        this.secrets = secrets;
        this.name = redact(name);
    }

    /** An operation named {@code name} that carries {@code secrets} (access token, app secret). */
    static Operation of(String name, String... secrets) {
        List<String> kept = new ArrayList<>(secrets.length);
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                kept.add(secret);
            }
        }
        return new Operation(name, List.copyOf(kept));
    }

    String name() {
        return name;
    }

    /** {@code text} with this call's secrets and any credential-looking value masked. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, Redaction.MASK);
        }
        return Redaction.maskCredentials(redacted);
    }

    /** Whether {@code text} holds nothing {@link #redact} would mask. */
    boolean isClean(String text) {
        return text == null || text.equals(redact(text));
    }

    /**
     * {@code cause} when nothing in its chain (messages, causes, suppressed) holds a credential, else {@code null}:
     * a cause is worth attaching for its type and stack, never at the price of a leak.
     */
    Throwable safeCause(Throwable cause) {
        return isCleanChain(cause, 0) ? cause : null;
    }

    private boolean isCleanChain(Throwable throwable, int depth) {
        if (throwable == null) {
            return true;
        }
        if (depth > 8 || !isClean(throwable.getMessage()) || !isClean(throwable.toString())) {
            return false; // a chain this deep is not worth proving clean
        }
        for (Throwable suppressed : throwable.getSuppressed()) {
            if (!isCleanChain(suppressed, depth + 1)) {
                return false;
            }
        }
        return throwable.getCause() == throwable || isCleanChain(throwable.getCause(), depth + 1);
    }

    /** The reply could not be used at all: HTTP error, empty body, not JSON. */
    WeChatQuotaException unusable(UnusableReplyException reply) {
        return new WeChatQuotaException(name + ": " + reply.problem + shown(reply.body));
    }

    /** The reply was JSON but not the answer expected, e.g. getApiQuota without its quota block. */
    WeChatQuotaException malformed(String problem, Object reply) {
        return new WeChatQuotaException(name + ": WeChat's reply was malformed (" + problem + ")"
                + shown(String.valueOf(reply)));
    }

    /** ": " and at most {@link #BODY_SHOWN} characters of {@code body}, redacted and on one line; "" for no body. */
    String shown(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = redact(body).strip().replaceAll("\\s+", " ");
        return ": " + (text.length() <= BODY_SHOWN
                ? text
                : text.substring(0, BODY_SHOWN) + "... (" + text.length() + " chars)");
    }

    @Override
    public String toString() {
        return name;
    }
}
