package io.github.wechatquota.spring.actuate;

import io.github.wechatquota.engine.ClearResult;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaSnapshot;
import io.github.wechatquota.engine.SyncReport;
import io.github.wechatquota.engine.WaybillSnapshot;
import io.github.wechatquota.forecast.QuotaForecast;
import io.github.wechatquota.forecast.QuotaForecaster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/wechatquota}: every quota, one account's, or one API's; POST to sync now, or to clear an account
 * (when clears are enabled). Shows no token or secret.
 */
@Endpoint(id = "wechatquota")
public class WeChatQuotaEndpoint {

    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

    private final QuotaGuard guard;
    private final QuotaForecaster forecaster;

    /**
     * @param guard whose quotas are shown
     * @param forecaster the forecast shown with each quota
     */
    public WeChatQuotaEndpoint(QuotaGuard guard, QuotaForecaster forecaster) {
        this.guard = guard;
        this.forecaster = forecaster;
    }

    /**
     * {@code GET /actuator/wechatquota}: the accounts with their clears and quotas, a page at a time, optionally
     * filtered ({@code ?appId=wx123*&exhausted=true&remainingBelow=0.1&page=0&size=100}).
     *
     * @param appId one account, or with a trailing {@code *} every account whose appid starts so
     * @param exhausted only quotas that are used up (true) or are not (false)
     * @param remainingBelow only quotas with less than this share of their daily limit left, from 0 to 1
     * @param page the page of accounts, from 0
     * @param size accounts per page, 1 to 1000 (100 when not given)
     * @throws EndpointRefusal when a parameter is out of range
     */
    @ReadOperation
    public Map<String, Object> quotas(@Nullable String appId, @Nullable Boolean exhausted,
            @Nullable Double remainingBelow, @Nullable Integer page, @Nullable Integer size) {
        return quotas(QuotaQuery.of(appId, exhausted, remainingBelow, page, size));
    }

    /** The accounts {@code query} selects, and the page it asks for. */
    Map<String, Object> quotas(QuotaQuery query) {
        Map<String, List<QuotaSnapshot>> byApp = new TreeMap<>();
        guard.appIds().stream().filter(query::matchesApp).forEach(id -> byApp.put(id, new ArrayList<>()));
        for (QuotaSnapshot snapshot : guard.snapshots()) {
            if (query.matchesApp(snapshot.appId())) {
                byApp.computeIfAbsent(snapshot.appId(), id -> new ArrayList<>()).add(snapshot);
            }
        }
        if (query.filtersQuotas()) {
            byApp.values().forEach(snapshots -> snapshots.removeIf(snapshot -> !query.matches(snapshot)));
            byApp.values().removeIf(List::isEmpty);
        }
        Map<String, Object> apps = new LinkedHashMap<>();
        byApp.entrySet().stream().skip((long) query.page() * query.size()).limit(query.size())
                .forEach(entry -> apps.put(entry.getKey(), app(entry.getKey(), entry.getValue())));
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("number", query.page());
        paging.put("size", query.size());
        paging.put("totalApps", byApp.size());
        paging.put("totalPages", (byApp.size() + query.size() - 1) / query.size());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("apps", apps);
        reply.put("page", paging);
        return reply;
    }

    /** {@code GET /actuator/wechatquota/{appId}}: one account. */
    @ReadOperation
    @Nullable
    public Map<String, Object> app(@Selector String appId) {
        List<QuotaSnapshot> snapshots = guard.snapshots().stream().filter(s -> s.appId().equals(appId)).toList();
        if (snapshots.isEmpty() && !guard.appIds().contains(appId)) {
            return null;
        }
        return app(appId, snapshots);
    }

    private Map<String, Object> app(String appId, List<QuotaSnapshot> snapshots) {
        QuotaGuard.ClearStatus clears = guard.clearStatus(appId);
        Map<String, Object> app = new LinkedHashMap<>();
        Map<String, Object> clearsJson = new LinkedHashMap<>();
        clearsJson.put("usedThisMonth", clears.usedThisMonth());
        clearsJson.put("maxPerMonth", clears.maxPerMonth());
        clearsJson.put("refusedByWeChat", clears.refusedByWeChat());
        app.put("clears", clearsJson);
        Map<String, Object> apis = new LinkedHashMap<>();
        snapshots.forEach(s -> apis.put(s.cgiPath(), api(s)));
        app.put("apis", apis);
        List<Map<String, Object>> waybills = guard.waybills().stream().filter(w -> w.appId().equals(appId))
                .map(WeChatQuotaEndpoint::waybill).toList();
        if (!waybills.isEmpty()) {
            app.put("waybills", waybills);
        }
        return app;
    }

    /** {@code GET /actuator/wechatquota/{appId}/cgi-bin/...}: one API of one account. */
    @ReadOperation
    @Nullable
    public Map<String, Object> api(@Selector String appId, @Selector(match = Selector.Match.ALL_REMAINING) String[] path) {
        String cgiPath = "/" + String.join("/", path);
        return guard.snapshot(appId, cgiPath).map(this::api).orElse(null);
    }

    /** {@code POST /actuator/wechatquota} with {@code {"action":"sync"}}: syncs every quota now. */
    @WriteOperation
    public Map<String, Object> act(String action) {
        if (!"sync".equals(action)) {
            throw EndpointRefusal.unknownAction(action, List.of("sync"));
        }
        return sync();
    }

    /**
     * {@code POST /actuator/wechatquota/{appId}} with {@code {"action":"clear"}} or {@code {"action":"sync"}}: spends
     * one of the account's clears now (only when {@code wechat.quota.clear.enabled}), or syncs.
     */
    @WriteOperation
    public Map<String, Object> actOnApp(@Selector String appId, String action) {
        Set<String> appIds = appIds();
        if (!appIds.contains(appId)) {
            throw EndpointRefusal.unknownApp(appId, appIds);
        }
        if ("sync".equals(action)) {
            return sync();
        }
        if (!"clear".equals(action)) {
            throw EndpointRefusal.unknownAction(action, List.of("clear", "sync"));
        }
        ClearResult result;
        try {
            result = guard.clearNow(appId);
        } catch (IllegalStateException disabled) {
            throw EndpointRefusal.clearsDisabled();
        }
        QuotaGuard.ClearStatus clears = guard.clearStatus(appId);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("appId", appId);
        reply.put("result", result.name());
        reply.put("usedThisMonth", clears.usedThisMonth());
        reply.put("maxPerMonth", clears.maxPerMonth());
        return reply;
    }

    /** Keys in a fixed order: synced, failed, skipped (not queryable), failures. */
    private Map<String, Object> sync() {
        Map<String, Object> reply = new LinkedHashMap<>();
        try {
            SyncReport report = guard.syncNow().get(SYNC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            reply.put("synced", report.synced());
            reply.put("failed", report.failed());
            reply.put("skipped", report.skipped());
            reply.put("failures", report.failures());
        } catch (TimeoutException e) {
            reply.put("status", "still running after " + SYNC_TIMEOUT.toSeconds() + "s");
        } catch (ExecutionException e) {
            reply.put("status", "failed");
            reply.put("reason", String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.put("status", "interrupted");
        }
        return reply;
    }

    private Set<String> appIds() {
        Set<String> appIds = new TreeSet<>(guard.appIds());
        guard.snapshots().forEach(snapshot -> appIds.add(snapshot.appId()));
        return appIds;
    }

    private Map<String, Object> api(QuotaSnapshot snapshot) {
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("dailyLimit", orNull(snapshot.dailyLimit()));
        api.put("remaining", orNull(snapshot.remaining()));
        api.put("usedToday", orNull(snapshot.usedToday()));
        api.put("source", snapshot.source().name());
        api.put("policy", snapshot.policy() == null ? null : snapshot.policy().name());
        api.put("perMinuteLimit", orNull(snapshot.perMinuteLimit()));
        api.put("heldBack", snapshot.heldBack());
        api.put("margin", snapshot.margin());
        api.put("observedDrift", snapshot.observedDrift().isPresent() ? snapshot.observedDrift().getAsDouble() : null);
        api.put("exhausted", snapshot.exhausted());
        api.put("queryable", snapshot.queryable());
        api.put("lastSyncedAt", snapshot.lastSyncedAt().orElse(null));
        api.put("lastSyncError", snapshot.lastSyncError().orElse(null));
        api.put("forecast", forecaster.forecast(snapshot).map(WeChatQuotaEndpoint::forecast).orElse(null));
        return api;
    }

    /** JSON's null for what is not known. */
    private static Long orNull(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    /** When the quota runs out at the current rate; {@code exhaustsAt}, {@code secondsLeft} null if it never does. */
    private static Map<String, Object> forecast(QuotaForecast forecast) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exhaustsAt", forecast.exhaustsAt().orElse(null));
        json.put("secondsLeft", forecast.timeLeft().map(Duration::toSeconds).orElse(null));
        json.put("exhaustsBeforeReset", forecast.exhaustsBeforeReset());
        json.put("callsPerMinute", Math.round(forecast.callsPerSecond() * 60 * 100) / 100.0);
        json.put("rateBasis", forecast.basis().name());
        json.put("resetsAt", forecast.resetsAt());
        return json;
    }

    private static Map<String, Object> waybill(WaybillSnapshot snapshot) {
        Map<String, Object> waybill = new LinkedHashMap<>();
        waybill.put("deliveryId", snapshot.account().deliveryId());
        waybill.put("bizId", snapshot.account().bizId());
        waybill.put("balance", orNull(snapshot.balance()));
        waybill.put("low", snapshot.low());
        waybill.put("lastSyncedAt", snapshot.lastSyncedAt().orElse(null));
        waybill.put("lastSyncError", snapshot.lastSyncError().orElse(null));
        return waybill;
    }
}
