package io.github.wechatquota.spring.httpservice;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.PostExchange;
import reactor.core.publisher.Mono;

/**
 * A Spring HTTP service client of WeChat with async return types, as a user of WebClient would write one:
 * {@code @WeChatApi} on {@code @HttpExchange} methods returning {@code Mono} and {@code CompletableFuture}.
 */
public interface WeChatReactiveClient {

    @PostExchange("/cgi-bin/message/mass/sendall")
    @WeChatApi(cgiPath = "/cgi-bin/message/mass/sendall")
    Mono<String> massSendAll(@RequestBody String json);

    @PostExchange("/cgi-bin/message/mass/send")
    @WeChatApi(cgiPath = "/cgi-bin/message/mass/send", dailyLimit = 2)
    Mono<String> massSend(@RequestBody String json);

    @PostExchange("/cgi-bin/media/uploadnews")
    @WeChatApi(cgiPath = "/cgi-bin/media/uploadnews", dailyLimit = 1)
    Mono<String> uploadNews(@RequestBody String json);

    @PostExchange("/cgi-bin/message/mass/delete")
    @WeChatApi(cgiPath = "/cgi-bin/message/mass/delete")
    Mono<String> deleteMassMessage(@RequestBody String json);

    @PostExchange("/cgi-bin/groups/update")
    @WeChatApi(cgiPath = "/cgi-bin/groups/update", dailyLimit = 1, onExhausted = QuotaPolicy.FALLBACK,
            fallbackMethod = "updateGroupLater")
    Mono<String> updateGroup(@RequestBody String json);

    default Mono<String> updateGroupLater(String json) {
        return Mono.just("group update queued");
    }

    @PostExchange("/cgi-bin/user/info/updateremark")
    @WeChatApi(cgiPath = "/cgi-bin/user/info/updateremark", dailyLimit = 2)
    CompletableFuture<String> updateRemark(@RequestBody String json);

    @PostExchange("/cgi-bin/groups/members/update")
    @WeChatApi(cgiPath = "/cgi-bin/groups/members/update")
    CompletableFuture<String> moveToGroup(@RequestBody String json);
}
