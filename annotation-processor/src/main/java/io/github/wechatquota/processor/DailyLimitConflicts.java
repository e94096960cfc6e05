package io.github.wechatquota.processor;

import io.github.wechatquota.catalog.CgiPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One API has one daily limit per account: the same {@code cgiPath} annotated with two different {@code dailyLimit}
 * values for the same literal appid (or both for the default app) anywhere in the compilation is an error on each of
 * the methods, naming the others. At run time the lowest would silently apply to all of them.
 *
 * <p>Left out: {@code dailyLimit = -1} (not set here), invalid values and paths (already errors), and appIds that are
 * expressions, whose account is only known per call.
 */
final class DailyLimitConflicts {

    private DailyLimitConflicts() {
    }

    /** The message for each method whose daily limit conflicts with another's, in the order of {@code apis}. */
    static Map<AnnotatedApi, String> find(List<AnnotatedApi> apis) {
        Map<List<String>, List<AnnotatedApi>> byKey = new LinkedHashMap<>();
        for (AnnotatedApi api : apis) {
            ApiValues values = api.values();
            if (values.dailyLimit() > 0 && !values.isAppIdExpression() && CgiPath.problem(values.cgiPath()).isEmpty()) {
                byKey.computeIfAbsent(List.of(values.cgiPath(), values.appIdKey()), key -> new ArrayList<>()).add(api);
            }
        }
        Map<AnnotatedApi, String> conflicts = new LinkedHashMap<>();
        for (List<AnnotatedApi> group : byKey.values()) {
            for (AnnotatedApi api : group) {
                long limit = api.values().dailyLimit();
                List<AnnotatedApi> others = group.stream().filter(other -> other.values().dailyLimit() != limit).toList();
                if (!others.isEmpty()) {
                    conflicts.put(api, message(api, others));
                }
            }
        }
        return conflicts;
    }

    private static String message(AnnotatedApi api, List<AnnotatedApi> others) {
        ApiValues values = api.values();
        String account = values.appIdKey().isEmpty() ? "the default app" : "appid " + values.appIdKey();
        String elsewhere = others.stream()
                .map(other -> other.values().dailyLimit() + " on " + other.place())
                .collect(Collectors.joining(", "));
        return values.dailyLimit() + " for " + values.cgiPath() + " and " + account + " differs from dailyLimit "
                + elsewhere + ": an API has one daily limit per account (the lowest would apply to all); use the same"
                + " value in each place, or leave dailyLimit out and set it once in configuration"
                + " (wechat.quota.apps.<appid>.apis)";
    }
}
