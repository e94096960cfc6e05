package io.github.wechatquota.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One HTTP request, read whole: method, path, query parameters and body. */
record SimulatorRequest(String method, String path, Map<String, String> query, String body) {

    /** A body that could not be used as a JSON object, as the errcode WeChat answers for it. */
    static final class BadBody extends Exception {
        final int errcode;

        BadBody(int errcode) {
            super(null, null, false, false);
            this.errcode = errcode;
        }
    }

    private static final int MAX_BODY_BYTES = 1 << 20;

    static SimulatorRequest read(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES);
        }
        return new SimulatorRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                parseQuery(exchange.getRequestURI().getRawQuery()), new String(bytes, StandardCharsets.UTF_8));
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(decode(name), decode(value));
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    boolean isPost() {
        return "POST".equalsIgnoreCase(method);
    }

    Optional<String> param(String name) {
        String value = query.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The body as a JSON object: 44002 when empty, 47001 when not JSON or not an object. */
    JsonNode json(ObjectMapper mapper) throws BadBody {
        if (body.isBlank()) {
            throw new BadBody(WeChatErrors.EMPTY_POST_DATA);
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new BadBody(WeChatErrors.DATA_FORMAT_ERROR);
            }
            return node;
        } catch (IOException notJson) {
            throw new BadBody(WeChatErrors.DATA_FORMAT_ERROR);
        }
    }

    /** A text field of the JSON body, or the query parameter of that name; empty when absent or blank. */
    static Optional<String> text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull() || !node.isValueNode() || node.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }
}
