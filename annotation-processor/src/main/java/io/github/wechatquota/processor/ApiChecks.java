package io.github.wechatquota.processor;

import io.github.wechatquota.catalog.CgiPath;
import io.github.wechatquota.catalog.QuotaCatalog;
import java.util.Optional;

/**
 * The checks of one {@code @WeChatApi} on its own: cgiPath, limits, cost, policy, fallback method and appId. The
 * checks across methods (one daily limit per API and account) are {@link DailyLimitConflicts}.
 */
final class ApiChecks {

    private final FallbackCheck fallbackCheck;
    private final QuotaCatalog catalog;

    /** @param catalog the built-in catalog, or null when it could not be read (no notes on unknown paths then) */
    ApiChecks(FallbackCheck fallbackCheck, QuotaCatalog catalog) {
        this.fallbackCheck = fallbackCheck;
        this.catalog = catalog;
    }

    void check(ApiAnnotation api, ApiValues values, Report report) {
        checkCgiPath(values, report);
        checkLimit("dailyLimit", values.dailyLimit(), "day",
                "-1 (the default) to take it from getApiQuota, configuration or the catalog", report);
        checkLimit("perMinuteLimit", values.perMinuteLimit(), "minute",
                "-1 (the default) to take it from getApiQuota's rate_limit, else none", report);
        checkCost(values, report);
        checkFallback(api, values, report);
        AppIdCheck.problem(api.method, values.appId()).ifPresent(problem -> {
            if (problem.isError()) {
                report.error("appId", problem.message());
            } else {
                report.warning("appId", problem.message());
            }
        });
    }

    private void checkCgiPath(ApiValues values, Report report) {
        String cgiPath = values.cgiPath();
        Optional<String> problem = CgiPath.problem(cgiPath);
        if (problem.isPresent()) {
            report.error("cgiPath", problem.get());
            return;
        }
        if (CgiPath.isSns(cgiPath) && values.dailyLimit() == -1) {
            report.warning("cgiPath", "getApiQuota cannot see " + cgiPath + " (WeChat answers 76022 for every /sns/"
                    + " path), so its quota is never synced and no limit is known: set dailyLimit here, or set it in"
                    + " configuration (wechat.quota.apps.<appid>.apis) and add @SuppressWarnings(\""
                    + Report.SUPPRESSION + "\")");
        } else if (catalog != null && !catalog.knows(cgiPath)) {
            report.note("cgiPath", cgiPath + " is not in the built-in catalog of WeChat's documented limits: check it"
                    + " for a typo; if it is right, its limit comes from getApiQuota, configuration or dailyLimit");
        }
    }

    private static void checkLimit(String member, long value, String per, String unset, Report report) {
        if (value == 0 || value < -1) {
            report.error(member, value + " is not a limit: give the calls allowed per " + per
                    + " (a positive number), or " + unset);
        }
    }

    private static void checkCost(ApiValues values, Report report) {
        int cost = values.cost();
        if (cost < 1) {
            report.error("cost", cost + " is not a cost: give the tokens one call takes, at least 1 (the default)");
        } else if (values.dailyLimit() > 0 && cost > values.dailyLimit()) {
            report.error("cost", cost + " is above dailyLimit " + values.dailyLimit()
                    + ", so no call could ever be made: lower cost to at most " + values.dailyLimit()
                    + ", or raise dailyLimit");
        }
    }

    private void checkFallback(ApiAnnotation api, ApiValues values, Report report) {
        if (!values.fallbackMethod().isEmpty()) {
            fallbackCheck.problem(api.method, values.fallbackMethod())
                    .ifPresent(problem -> report.error("fallbackMethod", problem));
        } else if (values.policy().equals("FALLBACK")) {
            String name = api.method.getSimpleName() + "Fallback";
            report.error("onExhausted", "FALLBACK needs a fallbackMethod: add fallbackMethod = \"" + name
                    + "\" and declare " + fallbackCheck.suggestion(api.method, name) + ", or choose another policy");
        }
    }
}
