package io.github.wechatquota.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Serves WeChat's paths: routes a request, applies faults and latency, answers as WeChat would, records the call. */
final class WeChatApiHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(WeChatApiHandler.class.getName());

    private final SimulatorState state;
    private final ObjectMapper mapper;
    private final CountDownLatch stopped;
    private final Replies replies;
    private final PlatformEndpoints platformEndpoints;

    WeChatApiHandler(SimulatorState state, ObjectMapper mapper, CountDownLatch stopped) {
        this.state = state;
        this.mapper = mapper;
        this.stopped = stopped;
        this.replies = new Replies(state);
        this.platformEndpoints = new PlatformEndpoints(state, mapper, replies);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            SimulatorRequest request = SimulatorRequest.read(exchange);
            pause(state.latency());
            Optional<FaultPlan.Injected> injected = state.faults.draw(request.path());
            Fault fault = injected.map(FaultPlan.Injected::fault).orElse(null);
            if (fault != null) {
                state.record(new RecordedCall(state.now(), request.method(), request.path(), null,
                        fault == Fault.SYSTEM_BUSY ? WeChatErrors.SYSTEM_BUSY : 0, fault));
                answerWithFault(exchange, request, fault);
                return;
            }
            Reply reply = injected.isPresent()
                    ? replies.error(request, tokenHolder(request), injected.get().errcode())
                    : route(request);
            String platform = reply.componentAppId() != null ? reply.componentAppId() : platformOf(request);
            state.record(new RecordedCall(state.now(), request.method(), request.path(), reply.appId(),
                    reply.errcode(), null, platform));
            send(exchange, reply.status(), mapper.writeValueAsBytes(reply.body()));
        } catch (RuntimeException bug) {
            // A simulator bug must not look like a dead server: answer as a busy WeChat would, and say why in the log.
            LOG.log(System.Logger.Level.ERROR, "Simulator failed on " + exchange.getRequestURI().getPath(), bug);
            send(exchange, 200, "{\"errcode\":-1,\"errmsg\":\"system error\"}".getBytes(StandardCharsets.UTF_8));
        } finally {
            exchange.close();
        }
    }

    private Reply route(SimulatorRequest request) {
        String path = request.path();
        return switch (path) {
            case "/cgi-bin/token" -> token(request);
            case "/cgi-bin/stable_token" -> postOnly(request, this::stableToken);
            case "/cgi-bin/openapi/quota/get" -> postOnly(request, this::getApiQuota);
            case "/cgi-bin/openapi/quota/clear" -> postOnly(request, this::clearApiQuota);
            case "/cgi-bin/clear_quota" -> postOnly(request, this::clearQuota);
            case "/cgi-bin/clear_quota/v2" -> postOnly(request, this::clearQuotaWithSecret);
            case "/cgi-bin/openapi/rid/get" -> postOnly(request, this::getRidInfo);
            case WeChatSimulator.COMPONENT_TOKEN_PATH -> postOnly(request, platformEndpoints::componentToken);
            case WeChatSimulator.AUTHORIZER_TOKEN_PATH -> postOnly(request, platformEndpoints::authorizerToken);
            case WeChatSimulator.COMPONENT_CLEAR_QUOTA_PATH -> postOnly(request, platformEndpoints::clearQuota);
            case WeChatSimulator.WAYBILL_QUOTA_PATH -> postOnly(request, this::waybillQuota);
            case "/cgi-bin/express/business/order/add" -> postOnly(request, this::addOrder);
            default -> business(request);
        };
    }

    interface Endpoint {
        Reply serve(SimulatorRequest request) throws SimulatorRequest.BadBody;
    }

    private Reply postOnly(SimulatorRequest request, Endpoint endpoint) {
        if (!request.isPost()) {
            return replies.error(request, null, WeChatErrors.REQUIRE_POST);
        }
        try {
            return endpoint.serve(request);
        } catch (SimulatorRequest.BadBody bad) {
            return replies.error(request, null, bad.errcode);
        }
    }

    // ---- tokens -------------------------------------------------------------------------------------------------

    private Reply token(SimulatorRequest request) {
        if (!"client_credential".equals(request.param("grant_type").orElse(""))) {
            return replies.error(request, null, WeChatErrors.INVALID_GRANT_TYPE);
        }
        return issue(request, request.param("appid"), request.param("secret"), "/cgi-bin/token",
                ledger -> state.tokens.issue(ledger.account().appId(), state.now()));
    }

    private Reply stableToken(SimulatorRequest request) throws SimulatorRequest.BadBody {
        JsonNode json = request.json(mapper);
        if (!"client_credential".equals(SimulatorRequest.text(json, "grant_type").orElse(""))) {
            return replies.error(request, null, WeChatErrors.INVALID_GRANT_TYPE);
        }
        boolean force = json.path("force_refresh").asBoolean(false);
        return issue(request, SimulatorRequest.text(json, "appid"), SimulatorRequest.text(json, "secret"),
                "/cgi-bin/stable_token", ledger -> state.tokens.stable(ledger.account().appId(), state.now(), force));
    }

    private interface Issuer {
        TokenRegistry.Issued issue(AccountLedger ledger);
    }

    private Reply issue(SimulatorRequest request, Optional<String> appId, Optional<String> secret, String quotaPath,
            Issuer issuer) {
        Optional<Reply> refused = checkCredentials(request, appId, secret);
        if (refused.isPresent()) {
            return refused.get();
        }
        AccountLedger ledger = state.ledger(appId.get()).orElseThrow();
        Optional<Reply> limited = replies.admit(request, ledger, quotaPath, false);
        if (limited.isPresent()) {
            return limited.get();
        }
        TokenRegistry.Issued issued = issuer.issue(ledger);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.token());
        body.put("expires_in", issued.expiresInSeconds(state.now()));
        return Reply.ok(ledger.account().appId(), body);
    }

    /** Empty when appid and secret name an account; otherwise WeChat's refusal. */
    private Optional<Reply> checkCredentials(SimulatorRequest request, Optional<String> appId, Optional<String> secret) {
        if (appId.isEmpty()) {
            return Optional.of(replies.error(request, null, WeChatErrors.APPID_MISSING));
        }
        if (secret.isEmpty()) {
            return Optional.of(replies.error(request, null, WeChatErrors.APPSECRET_MISSING));
        }
        Optional<AccountLedger> ledger = state.ledger(appId.get());
        if (ledger.isEmpty()) {
            return Optional.of(replies.error(request, null, WeChatErrors.INVALID_APPID));
        }
        if (!ledger.get().account().secret().equals(secret.get())) {
            return Optional.of(replies.error(request, appId.get(), WeChatErrors.INVALID_APPSECRET));
        }
        return Optional.empty();
    }

    /**
     * The account the request's token belongs to, or WeChat's refusal of the token. {@code viaPlatform}: the token is
     * an authorizer_access_token, so a third-party platform is calling for the account.
     */
    private record Caller(AccountLedger ledger, Reply refusal, boolean viaPlatform) {
    }

    /** The request's token: access_token (of any kind), or component_access_token as the component APIs take it. */
    private static Optional<String> tokenOf(SimulatorRequest request) {
        return request.param("access_token").or(() -> request.param("component_access_token"));
    }

    /** The account a valid token in the request names, or null: a scripted errcode is recorded for it. */
    private String tokenHolder(SimulatorRequest request) {
        return request.param("access_token")
                .map(token -> state.tokens.validate(token, state.now()))
                .filter(validation -> validation.check() == TokenRegistry.Check.VALID)
                .map(TokenRegistry.Validation::appId)
                .orElse(null);
    }

    private Caller caller(SimulatorRequest request) {
        Optional<String> token = tokenOf(request);
        if (token.isEmpty()) {
            return new Caller(null, replies.error(request, null, WeChatErrors.ACCESS_TOKEN_MISSING), false);
        }
        TokenRegistry.Validation validation = state.tokens.validate(token.get(), state.now());
        if (validation.check() != TokenRegistry.Check.VALID) {
            return new Caller(null, replies.error(request, validation.appId(), validation.check().errcode), false);
        }
        return new Caller(state.ledger(validation.appId()).orElseThrow(), null,
                validation.kind() == TokenRegistry.Kind.AUTHORIZER);
    }

    /** For the record: the platform whose component or authorizer token the request carries, if any. */
    private String platformOf(SimulatorRequest request) {
        return tokenOf(request).map(token -> state.tokens.validate(token, state.now()).platformId()).orElse(null);
    }

    // ---- quota administration -----------------------------------------------------------------------------------

    private Reply getApiQuota(SimulatorRequest request) throws SimulatorRequest.BadBody {
        Caller caller = caller(request);
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        String appId = caller.ledger().account().appId();
        String cgiPath = SimulatorRequest.text(request.json(mapper), "cgi_path").orElse("");
        Optional<Reply> refused = checkQueryablePath(request, caller.ledger(), cgiPath);
        if (refused.isPresent()) {
            return refused.get();
        }
        QuotaSnapshot snapshot = state.quota(caller.ledger(), cgiPath);
        Map<String, Object> body = Replies.okBody();
        Map<String, Object> quota = new LinkedHashMap<>();
        quota.put("daily_limit", snapshot.dailyLimit());
        quota.put("used", snapshot.used());
        quota.put("remain", snapshot.remain());
        body.put("quota", quota);
        AccountLedger.Limits limits = state.limits(caller.ledger(), cgiPath);
        putRateLimit(body, "rate_limit", limits.perMinute(), limits.refreshSeconds());
        putRateLimit(body, "component_rate_limit", limits.componentPerMinute(), limits.refreshSeconds());
        return Reply.ok(appId, body);
    }

    /** A minute limit as getApiQuota shows it, {@code {call_count, refresh_second}}; left out when there is none. */
    private static void putRateLimit(Map<String, Object> body, String field, long perMinute, int refreshSeconds) {
        if (perMinute > 0) {
            Map<String, Object> rateLimit = new LinkedHashMap<>();
            rateLimit.put("call_count", perMinute);
            rateLimit.put("refresh_second", refreshSeconds);
            body.put(field, rateLimit);
        }
    }

    private Reply clearApiQuota(SimulatorRequest request) throws SimulatorRequest.BadBody {
        Caller caller = caller(request);
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        String cgiPath = SimulatorRequest.text(request.json(mapper), "cgi_path").orElse("");
        Optional<Reply> refused = checkQueryablePath(request, caller.ledger(), cgiPath);
        if (refused.isPresent()) {
            return refused.get();
        }
        AccountLedger.ClearResult result = caller.ledger().clearApi(cgiPath, state.now());
        return replies.cleared(request, caller.ledger(), result);
    }

    /** Empty when getApiQuota may answer for the path; otherwise 76003, 76022 or 76021. */
    private Optional<Reply> checkQueryablePath(SimulatorRequest request, AccountLedger ledger, String cgiPath) {
        String appId = ledger.account().appId();
        if (!cgiPath.startsWith("/") || cgiPath.contains("://") || cgiPath.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(replies.error(request, appId, WeChatErrors.CGI_PATH_MALFORMED));
        }
        if (cgiPath.contains("/sns/")) {
            return Optional.of(replies.error(request, appId, WeChatErrors.CGI_PATH_NO_PERMISSION));
        }
        if (state.catalog.find(ledger.account().type(), cgiPath).isPresent()
                || ledger.dailyLimitOverride(cgiPath).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(replies.error(request, appId, state.catalog.knowsAnywhere(cgiPath)
                ? WeChatErrors.CGI_PATH_NO_PERMISSION : WeChatErrors.CGI_PATH_NOT_FOUND));
    }

    private Reply clearQuota(SimulatorRequest request) throws SimulatorRequest.BadBody {
        Caller caller = caller(request);
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        Optional<String> appId = SimulatorRequest.text(request.json(mapper), "appid");
        if (appId.isEmpty()) {
            return replies.error(request, caller.ledger().account().appId(), WeChatErrors.APPID_MISSING);
        }
        if (!appId.get().equals(caller.ledger().account().appId())) {
            return replies.error(request, caller.ledger().account().appId(), WeChatErrors.INVALID_APPID);
        }
        return replies.cleared(request, caller.ledger(), caller.ledger().clearAll(state.now()));
    }

    /** clear_quota/v2: appid and appsecret instead of a token, in the query or a JSON body. */
    private Reply clearQuotaWithSecret(SimulatorRequest request) throws SimulatorRequest.BadBody {
        Optional<String> appId = request.param("appid");
        Optional<String> secret = request.param("appsecret");
        if (appId.isEmpty() && secret.isEmpty()) {
            JsonNode json = request.json(mapper);
            appId = SimulatorRequest.text(json, "appid");
            secret = SimulatorRequest.text(json, "appsecret");
        }
        Optional<Reply> refused = checkCredentials(request, appId, secret);
        if (refused.isPresent()) {
            return refused.get();
        }
        AccountLedger ledger = state.ledger(appId.get()).orElseThrow();
        return replies.cleared(request, ledger, ledger.clearAll(state.now()));
    }

    private Reply getRidInfo(SimulatorRequest request) throws SimulatorRequest.BadBody {
        Caller caller = caller(request);
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        String appId = caller.ledger().account().appId();
        Optional<String> rid = SimulatorRequest.text(request.json(mapper), "rid");
        if (rid.isEmpty()) {
            return replies.error(request, appId, WeChatErrors.RID_MALFORMED);
        }
        Optional<RidLog.Entry> entry = state.rids.find(rid.get(), state.now());
        if (entry.isEmpty()) {
            return replies.error(request, appId, WeChatErrors.RID_NOT_FOUND);
        }
        if (!appId.equals(entry.get().appId())) {
            return replies.error(request, appId, WeChatErrors.RID_OF_OTHER_ACCOUNT, "rid belongs to another account");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("invoke_time", entry.get().at().getEpochSecond());
        details.put("cost_in_ms", 1);
        details.put("request_url", entry.get().path());
        details.put("request_body", entry.get().requestBody());
        details.put("response_body", entry.get().responseBody());
        details.put("client_ip", "127.0.0.1");
        Map<String, Object> body = Replies.okBody();
        body.put("request", details);
        return Reply.ok(appId, body);
    }

    // ---- logistics ----------------------------------------------------------------------------------------------

    private record Waybill(AccountLedger ledger, String deliveryId, String bizId, Reply refusal) {
    }

    private Waybill waybill(SimulatorRequest request) throws SimulatorRequest.BadBody {
        Caller caller = caller(request);
        if (caller.refusal() != null) {
            return new Waybill(null, null, null, caller.refusal());
        }
        AccountLedger ledger = caller.ledger();
        Optional<Reply> refused = authorize(request, ledger)
                .or(() -> replies.admit(request, ledger, request.path(), caller.viaPlatform()));
        if (refused.isPresent()) {
            return new Waybill(ledger, null, null, refused.get());
        }
        JsonNode json = request.json(mapper);
        Optional<String> deliveryId = SimulatorRequest.text(json, "delivery_id");
        Optional<String> bizId = SimulatorRequest.text(json, "biz_id");
        if (deliveryId.isEmpty() || bizId.isEmpty()) {
            return new Waybill(ledger, null, null,
                    replies.error(request, ledger.account().appId(), WeChatErrors.DATA_FORMAT_ERROR));
        }
        if (ledger.waybillBalance(deliveryId.get(), bizId.get()).isEmpty()) {
            return new Waybill(ledger, null, null, deliveryError(request, ledger, "biz_id is not bound to delivery_id"));
        }
        return new Waybill(ledger, deliveryId.get(), bizId.get(), null);
    }

    private Reply waybillQuota(SimulatorRequest request) throws SimulatorRequest.BadBody {
        Waybill waybill = waybill(request);
        if (waybill.refusal() != null) {
            return waybill.refusal();
        }
        long balance = waybill.ledger().waybillBalance(waybill.deliveryId(), waybill.bizId()).orElse(0);
        // As documented: the balance alone, no errcode.
        return Reply.ok(waybill.ledger().account().appId(), Map.of("quota_num", balance));
    }

    private Reply addOrder(SimulatorRequest request) throws SimulatorRequest.BadBody {
        Waybill waybill = waybill(request);
        if (waybill.refusal() != null) {
            return waybill.refusal();
        }
        if (!waybill.ledger().takeWaybill(waybill.deliveryId(), waybill.bizId())) {
            return deliveryError(request, waybill.ledger(), "waybill balance exhausted");
        }
        Map<String, Object> body = Replies.okBody();
        body.put("order_id", SimulatorRequest.text(request.json(mapper), "order_id").orElse(""));
        body.put("waybill_id", waybill.deliveryId() + RidLog.newRid(state.now()).replace("-", ""));
        return Reply.ok(waybill.ledger().account().appId(), body);
    }

    private Reply deliveryError(SimulatorRequest request, AccountLedger ledger, String reason) {
        Reply reply = replies.error(request, ledger.account().appId(), WeChatErrors.DELIVERY_ERROR);
        reply.body().put("delivery_resultcode", 1);
        reply.body().put("delivery_resultmsg", reason);
        return reply;
    }

    // ---- business APIs ------------------------------------------------------------------------------------------

    private Reply business(SimulatorRequest request) {
        String path = request.path();
        if (!state.knows(path)) {
            return replies.error(request, null, WeChatErrors.INVALID_URL);
        }
        if (path.startsWith("/sns/")) {
            // Web authorisation calls carry appid and code, not an access_token, and have no daily limit.
            return Reply.ok(request.param("appid").orElse(null), Replies.okBody());
        }
        Caller caller = caller(request);
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        AccountLedger ledger = caller.ledger();
        return authorize(request, ledger)
                .or(() -> replies.admit(request, ledger, path, caller.viaPlatform()))
                .orElseGet(() -> Reply.ok(ledger.account().appId(), Replies.okBody()));
    }

    /** Empty when the account's type may call the path (or a test gave it a limit); otherwise 48001. */
    private Optional<Reply> authorize(SimulatorRequest request, AccountLedger ledger) {
        if (state.mayCall(ledger, request.path())) {
            return Optional.empty();
        }
        return Optional.of(replies.error(request, ledger.account().appId(), WeChatErrors.API_UNAUTHORIZED));
    }

    // ---- transport ----------------------------------------------------------------------------------------------

    private void answerWithFault(HttpExchange exchange, SimulatorRequest request, Fault fault) throws IOException {
        switch (fault) {
            case SYSTEM_BUSY -> send(exchange, 200, mapper.writeValueAsBytes(
                    replies.error(request, null, WeChatErrors.SYSTEM_BUSY).body()));
            case HTTP_500 -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                send(exchange, 500, "<html><body>500 Internal Server Error</body></html>".getBytes(StandardCharsets.UTF_8));
            }
            case MALFORMED_JSON -> send(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\",".getBytes(StandardCharsets.UTF_8));
            case EMPTY_BODY -> send(exchange, 200, new byte[0]);
            case HANG -> awaitStopOr(state.faults.hangTime()); // then closed unanswered by handle()
        }
    }

    private void awaitStopOr(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause(Duration duration) {
        if (!duration.isZero()) {
            awaitStopOr(duration);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().putIfAbsent("Content-Type", java.util.List.of("application/json; charset=utf-8"));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
