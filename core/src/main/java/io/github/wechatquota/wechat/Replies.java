package io.github.wechatquota.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatquota.WeChatApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What WeChat's admin replies mean. Tolerant of both forms WeChat uses: the HTTP API's snake_case
 * ({@code daily_limit}, {@code errcode}) and cloud call's camelCase ({@code dailyLimit}, {@code errCode}, with an
 * {@code errMsg} like {@code "openapi.logistics.getQuota:ok"}).
 *
 * <p>Order of judgement: a non-zero errcode is WeChat's refusal, whatever else the reply holds; otherwise the expected
 * payload must be there, with or without an errcode (logistics answers just {@code {"quota_num":210}}).
 */
final class Replies {

    private Replies() {
    }

    static ApiQuota apiQuota(Operation operation, JsonNode reply) {
        requireNoError(operation, reply);
        JsonNode quota = object(operation, reply, "quota", "quota")
                .orElseThrow(() -> operation.malformed("no quota object", reply));
        return new ApiQuota(
                number(operation, reply, quota, "daily_limit", "dailyLimit"),
                number(operation, reply, quota, "used", "used"),
                number(operation, reply, quota, "remain", "remain"),
                rateLimit(operation, reply, "rate_limit", "rateLimit"),
                rateLimit(operation, reply, "component_rate_limit", "componentRateLimit"));
    }

    /** For the calls whose only answer is the errcode: clear_quota, its v2, clearApiQuota. */
    static void ok(Operation operation, JsonNode reply) {
        Optional<Integer> errcode = requireNoError(operation, reply);
        if (errcode.isEmpty() && !isOkMessage(field(reply, "errmsg", "errMsg"))) {
            throw operation.malformed("no errcode", reply);
        }
    }

    static RidInfo ridInfo(Operation operation, JsonNode reply) {
        requireNoError(operation, reply);
        JsonNode request = object(operation, reply, "request", "request")
                .orElseThrow(() -> operation.malformed("no request object", reply));
        return new RidInfo(
                Instant.ofEpochSecond(number(operation, reply, request, "invoke_time", "invokeTime")),
                optionalNumber(operation, reply, request, "cost_in_ms", "costInMs").orElse(0L),
                // WeChat reports the query string of the call, token included: mask it, this value gets logged.
                operation.redact(text(request, "request_url", "requestUrl")),
                operation.redact(text(request, "request_body", "requestBody")),
                operation.redact(text(request, "response_body", "responseBody")),
                text(request, "client_ip", "clientIp"));
    }

    static long waybillQuota(Operation operation, JsonNode reply) {
        requireNoError(operation, reply);
        return optionalNumber(operation, reply, reply, "quota_num", "quotaNum")
                .orElseThrow(() -> operation.malformed("no quota_num", reply));
    }

    static StableToken stableToken(Operation operation, JsonNode reply) {
        requireNoError(operation, reply);
        JsonNode token = field(reply, "access_token", "accessToken");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw operation.malformed("no access_token", reply);
        }
        long expiresIn = number(operation, reply, reply, "expires_in", "expiresIn");
        return new StableToken(token.asText(), Duration.ofSeconds(expiresIn));
    }

    /**
     * Throws WeChat's refusal when the errcode is not 0; answers the errcode, empty when the reply has none.
     */
    private static Optional<Integer> requireNoError(Operation operation, JsonNode reply) {
        JsonNode errcode = field(reply, "errcode", "errCode");
        if (errcode == null) {
            return Optional.empty();
        }
        long code = asLong(errcode).orElse(Long.MIN_VALUE);
        if (code < Integer.MIN_VALUE || code > Integer.MAX_VALUE) {
            throw operation.malformed("errcode is not a number", reply);
        }
        int value = (int) code;
        if (value != Errcodes.OK) {
            JsonNode errmsg = field(reply, "errmsg", "errMsg");
            throw new WeChatApiException(operation.name(), value,
                    errmsg == null ? "" : operation.redact(errmsg.asText()));
        }
        return Optional.of(value);
    }

    /** "ok", or cloud call's "openapi.x.y:ok". */
    private static boolean isOkMessage(JsonNode errmsg) {
        if (errmsg == null || !errmsg.isTextual()) {
            return false;
        }
        String text = errmsg.asText().strip();
        return text.equalsIgnoreCase("ok") || text.endsWith(":ok");
    }

    private static Optional<RateLimit> rateLimit(Operation operation, JsonNode reply, String snake, String camel) {
        return object(operation, reply, snake, camel).map(limit -> new RateLimit(
                number(operation, reply, limit, "call_count", "callCount"),
                number(operation, reply, limit, "refresh_second", "refreshSecond")));
    }

    /** The object under {@code snake} or {@code camel}; empty when absent; malformed when not an object. */
    private static Optional<JsonNode> object(Operation operation, JsonNode reply, String snake, String camel) {
        JsonNode value = field(reply, snake, camel);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw operation.malformed(snake + " is not an object", reply);
        }
        return Optional.of(value);
    }

    private static long number(Operation operation, JsonNode reply, JsonNode container, String snake, String camel) {
        return optionalNumber(operation, reply, container, snake, camel)
                .orElseThrow(() -> operation.malformed("no " + snake, reply));
    }

    private static Optional<Long> optionalNumber(Operation operation, JsonNode reply, JsonNode container,
            String snake, String camel) {
        JsonNode value = field(container, snake, camel);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(asLong(value).orElseThrow(
                () -> operation.malformed(snake + " is not a whole number", reply)));
    }

    /** A whole number, also when sent as text ("210"), as some gateways re-encode them. */
    private static Optional<Long> asLong(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.longValue());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Long.parseLong(value.asText().strip()));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String text(JsonNode container, String snake, String camel) {
        JsonNode value = field(container, snake, camel);
        return value == null ? "" : value.isValueNode() ? value.asText() : value.toString();
    }

    /** The value under the snake_case or camelCase name; {@code null} when neither is there (or it is null). */
    private static JsonNode field(JsonNode container, String snake, String camel) {
        JsonNode value = container.get(snake);
        if (value == null || value.isNull()) {
            value = container.get(camel);
        }
        return value == null || value.isNull() ? null : value;
    }
}
