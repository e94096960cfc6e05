package io.github.wechatquota.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;

/**
 * WeChat's admin endpoints as Feign sees them. Package-private so that Feign stays out of the public API; every
 * method answers the raw reply object, which {@link Replies} interprets.
 *
 * <p>Credentials that WeChat accepts in a body travel in the body, never in the URL, where access logs and exception
 * messages would pick them up. The access token has no such choice.
 */
@Headers({"Content-Type: application/json; charset=utf-8", "Accept: application/json"})
interface WeChatAdminApi {

    @RequestLine("POST /cgi-bin/openapi/quota/get?access_token={accessToken}")
    JsonNode getApiQuota(@Param("accessToken") String accessToken, ObjectNode body);

    @RequestLine("POST /cgi-bin/clear_quota?access_token={accessToken}")
    JsonNode clearQuota(@Param("accessToken") String accessToken, ObjectNode body);

    @RequestLine("POST /cgi-bin/clear_quota/v2")
    JsonNode clearQuotaWithSecret(ObjectNode body);

    @RequestLine("POST /cgi-bin/component/clear_quota/v2")
    JsonNode clearComponentQuota(ObjectNode body);

    @RequestLine("POST /cgi-bin/openapi/quota/clear?access_token={accessToken}")
    JsonNode clearApiQuota(@Param("accessToken") String accessToken, ObjectNode body);

    @RequestLine("POST /cgi-bin/openapi/rid/get?access_token={accessToken}")
    JsonNode getRidInfo(@Param("accessToken") String accessToken, ObjectNode body);

    @RequestLine("POST /cgi-bin/express/business/quota/get?access_token={accessToken}")
    JsonNode getWaybillQuota(@Param("accessToken") String accessToken, ObjectNode body);

    @RequestLine("POST /cgi-bin/stable_token")
    JsonNode getStableToken(ObjectNode body);
}
