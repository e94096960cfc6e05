package io.github.wechatquota.spring.actuate;

import io.github.wechatquota.engine.ClearResult;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaSnapshot;
import io.github.wechatquota.engine.SyncReport;
import io.github.wechatquota.engine.WaybillSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
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

    public WeChatQuotaEndpoint(QuotaGuard guard) {
        this.guard = guard;
    }

    /** {@code GET /actuator/wechatquota}: every account with its clears and quotas. */
    @ReadOperation
    public Map<String, Object> quotas() {
        Map<String, Object> apps = new LinkedHashMap<>();
        for (String appId : appIds()) {
            apps.put(appId, app(appId));
        }
        return Map.of("apps", apps);
    }

    /** {@code GET /actuator/wechatquota/{appId}}: one account. */
    @ReadOperation
    @Nullable
    public Map<String, Object> app(@Selector String appId) {
        if (!appIds().contains(appId)) {
            return null;
        }
        QuotaGuard.ClearStatus clears = guard.clearStatus(appId);
        Map<String, Object> app = new LinkedHashMap<>();
        Map<String, Object> clearsJson = new LinkedHashMap<>();
        clearsJson.put("usedThisMonth", clears.usedThisMonth());
        clearsJson.put("maxPerMonth", clears.maxPerMonth());
        clearsJson.put("refusedByWeChat", clears.refusedByWeChat());
        app.put("clears", clearsJson);
        Map<String, Object> apis = new LinkedHashMap<>();
        guard.snapshots().stream().filter(s -> s.appId().equals(appId)).forEach(s -> apis.put(s.cgiPath(), api(s)));
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
        return guard.snapshot(appId, cgiPath).map(WeChatQuotaEndpoint::api).orElse(null);
    }

    /** {@code POST /actuator/wechatquota} with {@code {"action":"sync"}}: syncs every quota now. */
    @WriteOperation
    public Map<String, Object> act(String action) {
        if (!"sync".equals(action)) {
            throw new InvalidEndpointRequestException("Unknown action '" + action + "'; use \"sync\"",
                    "Unknown action");
        }
        return sync();
    }

    /**
     * {@code POST /actuator/wechatquota/{appId}} with {@code {"action":"clear"}} or {@code {"action":"sync"}}: spends
     * one of the account's clears now (only when {@code wechat.quota.clear.enabled}), or syncs.
     */
    @WriteOperation
    public Map<String, Object> actOnApp(@Selector String appId, String action) {
        if (!appIds().contains(appId)) {
            throw new InvalidEndpointRequestException("No quotas known for appid " + appId, "Unknown appid");
        }
        if ("sync".equals(action)) {
            return sync();
        }
        if (!"clear".equals(action)) {
            throw new InvalidEndpointRequestException("Unknown action '" + action + "'; use \"clear\" or \"sync\"",
                    "Unknown action");
        }
        try {
            ClearResult result = guard.clearNow(appId);
            QuotaGuard.ClearStatus clears = guard.clearStatus(appId);
            return Map.of("appId", appId, "result", result.name(), "usedThisMonth", clears.usedThisMonth(),
                    "maxPerMonth", clears.maxPerMonth());
        } catch (IllegalStateException disabled) {
            throw new InvalidEndpointRequestException(disabled.getMessage(), "Clears are disabled");
        }
    }

    private Map<String, Object> sync() {
        try {
            SyncReport report = guard.syncNow().get(SYNC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return Map.of("synced", report.synced(), "failed", report.failed(), "skipped", report.skipped(),
                    "failures", report.failures());
        } catch (TimeoutException e) {
            return Map.of("status", "still running after " + SYNC_TIMEOUT.toSeconds() + "s");
        } catch (ExecutionException e) {
            return Map.of("status", "failed", "reason", String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of("status", "interrupted");
        }
    }

    private Set<String> appIds() {
        Set<String> appIds = new TreeSet<>(guard.appIds());
        guard.snapshots().forEach(snapshot -> appIds.add(snapshot.appId()));
        return appIds;
    }

    private static Map<String, Object> api(QuotaSnapshot snapshot) {
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("dailyLimit", snapshot.dailyLimit());
        api.put("remaining", snapshot.remaining());
        api.put("usedToday", snapshot.usedToday());
        api.put("source", snapshot.source().name());
        api.put("policy", snapshot.policy() == null ? null : snapshot.policy().name());
        api.put("perMinuteLimit", snapshot.perMinuteLimit());
        api.put("heldBack", snapshot.heldBack());
        api.put("exhausted", snapshot.exhausted());
        api.put("queryable", snapshot.queryable());
        api.put("lastSyncedAt", snapshot.lastSyncedAt());
        api.put("lastSyncError", snapshot.lastSyncError());
        return api;
    }

    private static Map<String, Object> waybill(WaybillSnapshot snapshot) {
        Map<String, Object> waybill = new LinkedHashMap<>();
        waybill.put("deliveryId", snapshot.account().deliveryId());
        waybill.put("bizId", snapshot.account().bizId());
        waybill.put("balance", snapshot.balance());
        waybill.put("low", snapshot.low());
        waybill.put("lastSyncedAt", snapshot.lastSyncedAt());
        waybill.put("lastSyncError", snapshot.lastSyncError());
        return waybill;
    }
}
