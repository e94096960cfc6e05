package io.github.wechatquota.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A third-party platform's own paths, with WeChat's request and reply shapes: the component token (for appid,
 * appsecret and a pushed verify ticket), authorizer tokens (for a component token and an account's refresh token),
 * and {@code component/clear_quota/v2} (the platform's appsecret clears its own quotas or an authorized account's).
 *
 * <p>Errcodes are those of WeChat's tables for these APIs: 41002/41004 for a missing appid/appsecret, 40125 for a
 * wrong appsecret, 61011 for an unknown platform on the token APIs (or a component_appid not the token's), 40013 on
 * the clear, 61006/61005 for an unknown/expired ticket, 61023 for a wrong refresh token, 45009 past the token APIs'
 * daily limits (counted on the platform's account). Two are chosen, not in these APIs' tables: 61003 (WeChat's
 * open-platform code) for an account not authorized to the platform, and 40001 for a token of another kind where a
 * component_access_token is needed.
 */
final class PlatformEndpoints {

    private final SimulatorState state;
    private final ObjectMapper mapper;
    private final Replies replies;

    PlatformEndpoints(SimulatorState state, ObjectMapper mapper, Replies replies) {
        this.state = state;
        this.mapper = mapper;
        this.replies = replies;
    }

    /** {@code POST api_component_token {component_appid, component_appsecret, component_verify_ticket}}. */
    Reply componentToken(SimulatorRequest request) throws SimulatorRequest.BadBody {
        JsonNode json = request.json(mapper);
        Signed signed = signed(request, json, "component_appsecret", WeChatErrors.INVALID_COMPONENT);
        if (signed.refusal() != null) {
            return signed.refusal();
        }
        PlatformLedger platform = signed.platform();
        String componentAppId = signed.platform().componentAppId();
        String ticket = SimulatorRequest.text(json, "component_verify_ticket").orElse("");
        PlatformLedger.TicketCheck check = platform.checkTicket(ticket, state.now());
        if (check != PlatformLedger.TicketCheck.VALID) {
            int errcode = check == PlatformLedger.TicketCheck.EXPIRED
                    ? WeChatErrors.COMPONENT_TICKET_EXPIRED : WeChatErrors.COMPONENT_TICKET_INVALID;
            return replies.error(request, componentAppId, errcode).viaPlatform(componentAppId);
        }
        AccountLedger ledger = state.requireLedger(componentAppId);
        Optional<Reply> limited = replies.admit(request, ledger, WeChatSimulator.COMPONENT_TOKEN_PATH, false);
        if (limited.isPresent()) {
            return limited.get().viaPlatform(componentAppId);
        }
        TokenRegistry.Issued issued = state.tokens.issue(componentAppId, TokenRegistry.Kind.COMPONENT,
                componentAppId, state.now());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("component_access_token", issued.token());
        body.put("expires_in", issued.expiresInSeconds(state.now()));
        return Reply.ok(componentAppId, body).viaPlatform(componentAppId);
    }

    /**
     * {@code POST api_authorizer_token?component_access_token=T {component_appid, authorizer_appid,
     * authorizer_refresh_token}}; counted on the platform's account, recorded for the authorized account.
     */
    Reply authorizerToken(SimulatorRequest request) throws SimulatorRequest.BadBody {
        Optional<String> token = request.param("component_access_token");
        if (token.isEmpty()) {
            return replies.error(request, null, WeChatErrors.ACCESS_TOKEN_MISSING);
        }
        TokenRegistry.Validation validation = state.tokens.validate(token.get(), state.now());
        if (validation.check() != TokenRegistry.Check.VALID) {
            return replies.error(request, validation.appId(), validation.check().errcode);
        }
        if (validation.kind() != TokenRegistry.Kind.COMPONENT) {
            return replies.error(request, validation.appId(), WeChatErrors.INVALID_CREDENTIAL);
        }
        String componentAppId = validation.platformId();
        JsonNode json = request.json(mapper);
        Optional<String> claimed = SimulatorRequest.text(json, "component_appid");
        Optional<String> authorizerAppId = SimulatorRequest.text(json, "authorizer_appid");
        if (claimed.isEmpty() || authorizerAppId.isEmpty()) {
            return replies.error(request, componentAppId, WeChatErrors.APPID_MISSING).viaPlatform(componentAppId);
        }
        if (!claimed.get().equals(componentAppId)) {
            return replies.error(request, componentAppId, WeChatErrors.INVALID_COMPONENT).viaPlatform(componentAppId);
        }
        PlatformLedger platform = state.requirePlatform(componentAppId);
        String authorizer = authorizerAppId.get();
        if (!platform.isAuthorized(authorizer)) {
            return replies.error(request, componentAppId, WeChatErrors.COMPONENT_NOT_AUTHORIZED)
                    .viaPlatform(componentAppId);
        }
        Optional<String> refreshToken = platform.refreshToken(authorizer);
        if (!refreshToken.equals(SimulatorRequest.text(json, "authorizer_refresh_token"))) {
            return replies.error(request, authorizer, WeChatErrors.REFRESH_TOKEN_INVALID).viaPlatform(componentAppId);
        }
        Optional<Reply> limited = replies.admit(request, state.requireLedger(componentAppId),
                WeChatSimulator.AUTHORIZER_TOKEN_PATH, false);
        if (limited.isPresent()) {
            return limited.get().viaPlatform(componentAppId);
        }
        TokenRegistry.Issued issued = state.tokens.issue(authorizer, TokenRegistry.Kind.AUTHORIZER, componentAppId,
                state.now());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authorizer_access_token", issued.token());
        body.put("expires_in", issued.expiresInSeconds(state.now()));
        body.put("authorizer_refresh_token", refreshToken.get());
        return Reply.ok(authorizer, body).viaPlatform(componentAppId);
    }

    /**
     * {@code POST component/clear_quota/v2 {component_appid, appsecret, appid?}}: without appid clears the platform's
     * quotas, with it an authorized account's; either way within that account's ten clears a month (48006 after).
     */
    Reply clearQuota(SimulatorRequest request) throws SimulatorRequest.BadBody {
        JsonNode json = request.json(mapper);
        Signed signed = signed(request, json, "appsecret", WeChatErrors.INVALID_APPID);
        if (signed.refusal() != null) {
            return signed.refusal();
        }
        PlatformLedger platform = signed.platform();
        String componentAppId = signed.platform().componentAppId();
        Optional<String> target = SimulatorRequest.text(json, "appid");
        if (target.isPresent() && !target.get().equals(componentAppId) && !platform.isAuthorized(target.get())) {
            int errcode = state.ledger(target.get()).isPresent()
                    ? WeChatErrors.COMPONENT_NOT_AUTHORIZED : WeChatErrors.INVALID_APPID;
            return replies.error(request, componentAppId, errcode).viaPlatform(componentAppId);
        }
        AccountLedger ledger = state.requireLedger(target.orElse(componentAppId));
        return replies.cleared(request, ledger, ledger.clearAll(state.now())).viaPlatform(componentAppId);
    }

    /** The platform a request names by {@code component_appid} and proves with its secret, or the reply refusing it. */
    private record Signed(PlatformLedger platform, Reply refusal) {
    }

    private Signed signed(SimulatorRequest request, JsonNode json, String secretField, int unknownPlatform) {
        Optional<String> appId = SimulatorRequest.text(json, "component_appid");
        Optional<String> secret = SimulatorRequest.text(json, secretField);
        if (appId.isEmpty()) {
            return new Signed(null, replies.error(request, null, WeChatErrors.APPID_MISSING));
        }
        if (secret.isEmpty()) {
            return new Signed(null, replies.error(request, null, WeChatErrors.APPSECRET_MISSING));
        }
        Optional<PlatformLedger> platform = state.platform(appId.get());
        if (platform.isEmpty()) {
            return new Signed(null, replies.error(request, null, unknownPlatform));
        }
        String componentAppId = platform.get().componentAppId();
        if (!platform.get().secretMatches(secret.get())) {
            return new Signed(null, replies.error(request, componentAppId, WeChatErrors.INVALID_APPSECRET)
                    .viaPlatform(componentAppId));
        }
        return new Signed(platform.get(), null);
    }
}
