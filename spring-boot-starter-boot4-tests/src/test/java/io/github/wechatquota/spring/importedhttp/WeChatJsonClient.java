package io.github.wechatquota.spring.importedhttp;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import org.springframework.web.service.annotation.PostExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** A client decoding WeChat's replies to Jackson 3 trees, as Spring Boot 4 does by default. */
public interface WeChatJsonClient {

    @PostExchange("/cgi-bin/groups/create")
    @WeChatApi(cgiPath = "/cgi-bin/groups/create", onExhausted = QuotaPolicy.FALLBACK,
            fallbackMethod = "createGroupLater")
    JsonNode createGroup();

    default JsonNode createGroupLater(QuotaExhaustedException cause) {
        return JsonNodeFactory.instance.objectNode().put("queued", cause.getMessage());
    }
}
