package io.github.wechatquota.processor;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The index of a compilation's annotated methods, {@value #LOCATION}: JSON, UTF-8, one API per line, sorted by type,
 * method and parameter types so that the same sources always give the same bytes.
 *
 * <pre>{@code
 * {"apis":[
 * {"type":"com.example.WeChatClient","method":"send","parameterTypes":["java.lang.String"],"cgiPath":"/cgi-bin/message/custom/send","dailyLimit":-1,"perMinuteLimit":-1,"policy":"DEFAULT","appId":"","cost":1,"fallbackMethod":""}
 * ]}
 * }</pre>
 */
final class ApisIndex {

    static final String LOCATION = "META-INF/wechat-quota/apis.json";

    private ApisIndex() {
    }

    /** The index of {@code apis}, which must be in {@link AnnotatedApi#ORDER}. */
    static String json(List<AnnotatedApi> apis) {
        if (apis.isEmpty()) {
            return "{\"apis\":[]}\n";
        }
        return apis.stream().map(ApisIndex::entry).collect(Collectors.joining(",\n", "{\"apis\":[\n", "\n]}\n"));
    }

    private static String entry(AnnotatedApi api) {
        ApiValues values = api.values();
        return "{\"type\":" + quote(api.binaryType())
                + ",\"method\":" + quote(api.method())
                + ",\"parameterTypes\":" + api.parameterTypes().stream().map(ApisIndex::quote)
                        .collect(Collectors.joining(",", "[", "]"))
                + ",\"cgiPath\":" + quote(values.cgiPath())
                + ",\"dailyLimit\":" + values.dailyLimit()
                + ",\"perMinuteLimit\":" + values.perMinuteLimit()
                + ",\"policy\":" + quote(values.policy())
                + ",\"appId\":" + quote(values.appId())
                + ",\"cost\":" + values.cost()
                + ",\"fallbackMethod\":" + quote(values.fallbackMethod())
                + "}";
    }

    /** A JSON string: quotes, backslashes and control characters escaped; the line separators too, for JavaScript. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
