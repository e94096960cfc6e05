package io.github.wechatquota.errcode;

import static io.github.wechatquota.errcode.ErrcodeExtractor.NONE;

import com.fasterxml.jackson.databind.JsonNode;

/** Errcodes in Jackson trees. Loaded only when Jackson is on the classpath. */
final class JacksonErrcodes {

    /** Reads the {@code errcode} or {@code errCode} field of a {@link JsonNode}. */
    static final ErrcodeReader READER = value -> fromNode((JsonNode) value);

    private JacksonErrcodes() {
    }

    static boolean isNode(Class<?> type) {
        return JsonNode.class.isAssignableFrom(type);
    }

    static int fromNode(JsonNode node) {
        JsonNode value = node.get("errcode");
        if (value == null) {
            value = node.get("errCode");
        }
        if (value == null) {
            return NONE;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? value.intValue() : NONE;
        }
        if (value.isNumber()) {
            return ErrcodeText.fromNumber(value.numberValue());
        }
        if (value.isTextual()) {
            return ErrcodeText.fromNumericText(value.textValue());
        }
        return NONE;
    }
}
