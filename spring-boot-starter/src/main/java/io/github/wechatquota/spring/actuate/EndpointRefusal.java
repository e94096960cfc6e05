package io.github.wechatquota.spring.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * A request {@link WeChatQuotaEndpoint} refuses, with what is wrong and how to ask instead. Over JMX its message is the
 * answer; over HTTP {@link WeChatQuotaEndpointWebExtension} answers with {@link #response()}.
 */
final class EndpointRefusal extends InvalidEndpointRequestException {

    private static final long serialVersionUID = 1L;

    /** How many known appids an unknown one's refusal names. */
    static final int KNOWN_APPS_NAMED = 20;

    private final int status;
    private final String detailName;
    private final transient Object detail;

    private EndpointRefusal(int status, String error, String message, String detailName, Object detail) {
        super(message, error);
        this.status = status;
        this.detailName = detailName;
        this.detail = detail;
    }

    static EndpointRefusal clearsDisabled() {
        return new EndpointRefusal(WebEndpointResponse.STATUS_BAD_REQUEST, "Clears are disabled",
                "Clears are disabled, so none was spent: set wechat.quota.clear.enabled=true to allow them (at most "
                        + "wechat.quota.clear.max-per-month a month)",
                "property", "wechat.quota.clear.enabled");
    }

    static EndpointRefusal unknownAction(String action, List<String> valid) {
        return new EndpointRefusal(WebEndpointResponse.STATUS_BAD_REQUEST, "Unknown action",
                (action == null ? "No action given" : "Unknown action '" + action + "'") + ": post {\"action\":\""
                        + String.join("\"} or {\"action\":\"", valid) + "\"}",
                "validActions", valid);
    }

    /** An appid the guard does not know; a platform may know thousands, so only the first few are named. */
    static EndpointRefusal unknownApp(String appId, Set<String> known) {
        List<String> named = known.stream().limit(KNOWN_APPS_NAMED).toList();
        String choices = known.size() <= KNOWN_APPS_NAMED ? "use one of " + named
                : "use one of the " + known.size() + " known, such as " + named
                        + " (GET /actuator/wechatquota?appId=PREFIX* lists them by prefix)";
        return new EndpointRefusal(WebEndpointResponse.STATUS_NOT_FOUND, "Unknown appid",
                "No quotas known for appid " + appId + ": " + choices, "knownAppIds", named);
    }

    static EndpointRefusal badParameter(String name, Object value, String expected) {
        return new EndpointRefusal(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad parameter",
                "Parameter " + name + "=" + value + " is out of range: give " + expected, "parameter", name);
    }

    /** The HTTP answer: its status, and a JSON body with error, message and the detail that helps. */
    WebEndpointResponse<Map<String, Object>> response() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", getReason());
        body.put("message", getMessage());
        body.put(detailName, detail);
        return new WebEndpointResponse<>(body, status);
    }
}
