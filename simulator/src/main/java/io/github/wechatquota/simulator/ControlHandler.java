package io.github.wechatquota.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own paths under {@code /_simulator}, for tests and benchmarks that run it in another process:
 * read the call record, read and set an API's count and limits, read and set e-waybill balances, push a platform's
 * verify ticket, script faults.
 * Never faulty, never delayed.
 */
final class ControlHandler implements HttpHandler {

    private final WeChatSimulator simulator;
    private final ObjectMapper mapper;

    ControlHandler(WeChatSimulator simulator, ObjectMapper mapper) {
        this.simulator = simulator;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            SimulatorRequest request = SimulatorRequest.read(exchange);
            Object body = switch (request.method() + " " + request.path()) {
                case "GET /_simulator/calls" -> simulator.calls();
                case "DELETE /_simulator/calls" -> {
                    simulator.resetCalls();
                    yield Map.of("calls", 0);
                }
                case "GET /_simulator/quota" -> quota(request.param("appid").orElse(""),
                        request.param("cgi_path").orElse(""));
                case "POST /_simulator/quota" -> setQuota(mapper.readTree(request.body()));
                case "GET /_simulator/waybill" -> waybill(request.param("appid").orElse(""),
                        request.param("delivery_id").orElse(""), request.param("biz_id").orElse(""));
                case "POST /_simulator/waybill" -> setWaybill(mapper.readTree(request.body()));
                case "POST /_simulator/ticket" -> pushTicket(mapper.readTree(request.body()));
                case "POST /_simulator/faults" -> addFault(mapper.readTree(request.body()));
                case "DELETE /_simulator/faults" -> {
                    simulator.faults().clear();
                    yield Map.of("faults", List.of());
                }
                default -> throw new IllegalArgumentException("No control operation " + request.method() + " "
                        + request.path() + "; see the simulator's README for the /_simulator paths");
            };
            send(exchange, 200, body);
        } catch (IllegalArgumentException | IOException | NullPointerException bad) {
            send(exchange, 400, Map.of("error", String.valueOf(bad.getMessage())));
        } finally {
            exchange.close();
        }
    }

    private Map<String, Object> quota(String appId, String cgiPath) {
        QuotaSnapshot snapshot = simulator.quota(appId, cgiPath);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appid", appId);
        body.put("cgi_path", cgiPath);
        body.put("daily_limit", snapshot.dailyLimit());
        body.put("used", snapshot.used());
        body.put("remain", snapshot.remain());
        return body;
    }

    private Map<String, Object> setQuota(JsonNode json) {
        String appId = json.path("appid").asText();
        String cgiPath = json.path("cgi_path").asText();
        if (json.has("daily_limit")) {
            simulator.setDailyLimit(appId, cgiPath, json.get("daily_limit").asLong());
        }
        if (json.has("per_minute_limit")) {
            simulator.setPerMinuteLimit(appId, cgiPath, json.get("per_minute_limit").asLong());
        }
        if (json.has("component_per_minute_limit")) {
            long perMinute = json.get("component_per_minute_limit").asLong();
            simulator.platforms().setComponentRateLimit(appId, cgiPath, perMinute);
        }
        if (json.has("used")) {
            simulator.setUsed(appId, cgiPath, json.get("used").asLong());
        }
        return quota(appId, cgiPath);
    }

    private Map<String, Object> waybill(String appId, String deliveryId, String bizId) {
        long balance = simulator.waybillBalance(appId, deliveryId, bizId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appid", appId);
        body.put("delivery_id", deliveryId);
        body.put("biz_id", bizId);
        body.put("bound", balance >= 0);
        body.put("quota_num", Math.max(0, balance));
        return body;
    }

    private Map<String, Object> setWaybill(JsonNode json) {
        String appId = json.path("appid").asText();
        String deliveryId = json.path("delivery_id").asText();
        String bizId = json.path("biz_id").asText();
        JsonNode balance = json.get("quota_num");
        if (balance == null || !balance.canConvertToLong() || !balance.isIntegralNumber()) {
            throw new IllegalArgumentException("POST /_simulator/waybill takes {\"appid\",\"delivery_id\",\"biz_id\","
                    + "\"quota_num\"} with quota_num the balance, a whole number of 0 or more");
        }
        simulator.setWaybillBalance(appId, deliveryId, bizId, balance.asLong());
        return waybill(appId, deliveryId, bizId);
    }

    private Map<String, Object> pushTicket(JsonNode json) {
        String componentAppId = json.path("component_appid").asText();
        String ticket = json.path("component_verify_ticket").asText();
        if (ticket.isBlank()) {
            throw new IllegalArgumentException("POST /_simulator/ticket takes {\"component_appid\","
                    + "\"component_verify_ticket\"}, as WeChat's push carries them");
        }
        simulator.platforms().pushVerifyTicket(componentAppId, ticket);
        return Map.of("component_appid", componentAppId, "pushed", true);
    }

    private Map<String, Object> addFault(JsonNode json) {
        if (json.has("errcode")) {
            String path = json.hasNonNull("path") ? json.get("path").asText() : null;
            simulator.faults().nextErrcode(path, json.get("errcode").asInt(), json.path("times").asInt(1));
            return Map.of("errcode", json.get("errcode").asInt());
        }
        Fault fault = Fault.valueOf(json.path("fault").asText());
        if (json.has("rate")) {
            simulator.faults().rate(fault, json.get("rate").asDouble());
        } else {
            String path = json.hasNonNull("path") ? json.get("path").asText() : null;
            simulator.faults().next(path, fault, json.path("times").asInt(1));
        }
        return Map.of("fault", fault.name());
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
