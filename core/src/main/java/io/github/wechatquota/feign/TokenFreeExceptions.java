package io.github.wechatquota.feign;

import feign.FeignException;
import feign.Request;
import feign.RetryableException;
import io.github.wechatquota.internal.Redaction;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.Map;

/**
 * Feign puts the request URL in its exceptions' messages, and with it the {@code access_token} that
 * {@link AccessTokenInterceptor} added: any log printing such an exception would show the token. A guarded client
 * rethrows a copy of the same Feign type whose message and request carry the token masked; status, body, headers,
 * cause and stack trace stay.
 */
final class TokenFreeExceptions {

    private TokenFreeExceptions() {
    }

    /** {@code thrown}, or a copy of it without credentials when it is a Feign exception carrying some. */
    static Throwable redact(Throwable thrown) {
        if (!(thrown instanceof FeignException feign) || !carriesCredentials(feign)) {
            return thrown;
        }
        FeignException copy = copy(feign, Redaction.maskCredentials(feign.getMessage()), redact(feign.request()),
                redactCause(feign.getCause()));
        copy.setStackTrace(feign.getStackTrace());
        for (Throwable suppressed : feign.getSuppressed()) {
            copy.addSuppressed(suppressed);
        }
        return copy;
    }

    private static boolean carriesCredentials(FeignException feign) {
        return Redaction.hasCredentials(feign.getMessage())
                || (feign.hasRequest() && Redaction.hasCredentials(feign.request().url()))
                || (feign.getCause() != null && Redaction.hasCredentials(feign.getCause().getMessage()));
    }

    private static Request redact(Request request) {
        if (request == null) {
            return null;
        }
        // Without its template, which holds the query (token included) once more.
        return Request.create(request.httpMethod(), Redaction.maskCredentials(request.url()), request.headers(),
                request.body(), request.charset(), null);
    }

    private static Throwable redactCause(Throwable cause) {
        if (cause == null || !Redaction.hasCredentials(cause.getMessage())) {
            return cause;
        }
        IOException masked = new IOException(cause.getClass().getName() + ": "
                + Redaction.maskCredentials(cause.getMessage()));
        masked.setStackTrace(cause.getStackTrace());
        return masked;
    }

    private static FeignException copy(FeignException original, String message, Request request, Throwable cause) {
        if (original instanceof RetryableException retryable) {
            return new RetryableException(retryable.status(), message, retryable.method(), cause,
                    retryable.retryAfter(), request);
        }
        byte[] body = original.content();
        Map<String, Collection<String>> headers = original.responseHeaders();
        // FeignException.BadRequest and its siblings: (message, request, body, headers); the client and server
        // exceptions: (status, message, request, body, headers).
        for (Constructor<?> constructor : original.getClass().getConstructors()) {
            Class<?>[] types = constructor.getParameterTypes();
            try {
                if (types.length == 4 && types[0] == String.class && types[1] == Request.class) {
                    return withCause((FeignException) constructor.newInstance(message, request, body, headers), cause);
                }
                if (types.length == 5 && types[0] == int.class && types[1] == String.class
                        && types[2] == Request.class) {
                    return withCause((FeignException) constructor.newInstance(original.status(), message, request,
                            body, headers), cause);
                }
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
                break;
            }
        }
        return new RedactedFeignException(original.status(), message, request, cause, body, headers);
    }

    private static FeignException withCause(FeignException copy, Throwable cause) {
        if (cause != null && copy.getCause() == null) {
            copy.initCause(cause);
        }
        return copy;
    }

    /** A Feign exception of a type that cannot be copied as it is: still a {@link FeignException}, with its status. */
    static final class RedactedFeignException extends FeignException {

        RedactedFeignException(int status, String message, Request request, Throwable cause, byte[] body,
                Map<String, Collection<String>> headers) {
            super(status, message, request, cause, body, headers);
        }
    }
}
