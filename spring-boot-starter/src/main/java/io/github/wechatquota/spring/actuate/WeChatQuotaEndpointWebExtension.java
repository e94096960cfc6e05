package io.github.wechatquota.spring.actuate;

import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.lang.Nullable;

/**
 * {@link WeChatQuotaEndpoint}'s filtered read and its write operations over HTTP: a refused request answers its 4xx status with a JSON body
 * saying why and what to do instead, where Actuator's own handling would answer a bare 400.
 */
@EndpointWebExtension(endpoint = WeChatQuotaEndpoint.class)
public class WeChatQuotaEndpointWebExtension {

    private final WeChatQuotaEndpoint endpoint;

    public WeChatQuotaEndpointWebExtension(WeChatQuotaEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** {@code GET /actuator/wechatquota}, optionally filtered and paged; see {@link WeChatQuotaEndpoint#quotas}. */
    @ReadOperation
    public WebEndpointResponse<Map<String, Object>> quotas(@Nullable String appId, @Nullable Boolean exhausted,
            @Nullable Double remainingBelow, @Nullable Integer page, @Nullable Integer size) {
        return answer(() -> endpoint.quotas(appId, exhausted, remainingBelow, page, size));
    }

    /** {@code POST /actuator/wechatquota} with {@code {"action":"sync"}}. */
    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> act(@Nullable String action) {
        return answer(() -> endpoint.act(action));
    }

    /** {@code POST /actuator/wechatquota/{appId}} with {@code {"action":"clear"}} or {@code {"action":"sync"}}. */
    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> actOnApp(@Selector String appId, @Nullable String action) {
        return answer(() -> endpoint.actOnApp(appId, action));
    }

    private static WebEndpointResponse<Map<String, Object>> answer(Supplier<Map<String, Object>> operation) {
        try {
            return new WebEndpointResponse<>(operation.get());
        } catch (EndpointRefusal refusal) {
            return refusal.response();
        }
    }
}
