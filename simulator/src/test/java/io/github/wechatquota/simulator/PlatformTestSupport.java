package io.github.wechatquota.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;

/** A simulator serving one third-party platform with one official account authorized to it, and a pushed ticket. */
abstract class PlatformTestSupport extends SimulatorTestSupport {

    static final String COMPONENT_APP_ID = "wxcomponent0000001";
    static final String COMPONENT_SECRET = "component-secret-01";
    static final String TICKET = "ticket@@@first";
    static final String AUTHORIZER_APP_ID = "wxauthorizer000001";
    static final String REFRESH_TOKEN = "refreshtoken@@@authorizer-one";

    @BeforeEach
    void servePlatform() {
        simulator.platforms().add(COMPONENT_APP_ID, COMPONENT_SECRET);
        simulator.platforms().authorize(COMPONENT_APP_ID, AUTHORIZER_APP_ID, REFRESH_TOKEN,
                AccountType.OFFICIAL_ACCOUNT);
        simulator.platforms().pushVerifyTicket(COMPONENT_APP_ID, TICKET);
    }

    JsonNode componentTokenReply(String appId, String secret, String ticket) {
        return http.post(WeChatSimulator.COMPONENT_TOKEN_PATH, "{\"component_appid\":\"" + appId
                + "\",\"component_appsecret\":\"" + secret + "\",\"component_verify_ticket\":\"" + ticket + "\"}");
    }

    String componentToken() {
        return componentTokenReply(COMPONENT_APP_ID, COMPONENT_SECRET, TICKET).get("component_access_token").asText();
    }

    JsonNode authorizerTokenReply(String componentToken, String authorizerAppId, String refreshToken) {
        return http.post(WeChatSimulator.AUTHORIZER_TOKEN_PATH + "?component_access_token=" + componentToken,
                "{\"component_appid\":\"" + COMPONENT_APP_ID + "\",\"authorizer_appid\":\"" + authorizerAppId
                        + "\",\"authorizer_refresh_token\":\"" + refreshToken + "\"}");
    }

    String authorizerToken() {
        return authorizerTokenReply(componentToken(), AUTHORIZER_APP_ID, REFRESH_TOKEN).get("authorizer_access_token")
                .asText();
    }

    JsonNode apiQuota(String token, String cgiPath) {
        return http.call("/cgi-bin/openapi/quota/get", token, "{\"cgi_path\":\"" + cgiPath + "\"}");
    }

    static int errcode(JsonNode reply) {
        return reply.path("errcode").asInt();
    }
}
