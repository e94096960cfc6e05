package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The notes of section 4 ({@link AccuracyReport}): for a row that missed its target, what the run measured about why
 * (what WeChat answered up to the first 45009, how the instances' day and WeChat's lay), and the figures' formatting.
 */
final class AccuracyReasons {

    /** What the learned margin never hands out (LearnedMargin's floor): 5 calls in 10,000. */
    static final double FLOOR = 0.0005;

    private AccuracyReasons() {
    }

    static String drift(JsonNode row, boolean noDrift, double utilization) {
        StringBuilder text = new StringBuilder("**Accuracy, " + row.path("label").asText() + ", N = "
                + row.path("instances").asInt() + ": " + n(row, "errcode45009") + " 45009, " + pct(utilization)
                + (noDrift ? " of L" : " of what WeChat admits") + ".**");
        if (row.path("errcode45009").asLong() > 0) {
            text.append(" WeChat refused ").append(n(row, "errcode45009")).append(" call(s) for the quota after")
                    .append(" letting ").append(n(row, "reached")).append(" through (it admits ")
                    .append(n(row, "weChatAllows")).append(").");
            if (row.has("okBeforeLastAnswer")) {
                long left = row.path("weChatAllows").asLong() - row.path("okBeforeLastAnswer").asLong();
                text.append(" Its last getApiQuota answer before the first 45009 found ")
                        .append(String.format(Locale.ROOT, "%,d", left)).append(" real call(s) left to admit, and the")
                        .append(" instances sent ").append(n(row, "sentAfterLastAnswer"))
                        .append(" before they asked again: the answer released more than WeChat had left.");
            }
            text.append(" What WeChat answered up to the first 45009 (its time, China): ")
                    .append(timeline(row.path("before45009"))).append(".");
        }
        if (utilization < (noDrift ? AccuracyReport.DRIFT_0_UTILIZATION : AccuracyReport.DRIFT_UTILIZATION_OF_ALLOWED)) {
            text.append(" The instances stopped with ")
                    .append(String.format(Locale.ROOT, "%,d", row.path("weChatAllows").asLong()
                            - row.path("reached").asLong()))
                    .append(" real call(s) WeChat would still have admitted");
            text.append(row.path("errcode45009").asLong() > 0 ? " (a 45009 drains the quota until midnight)" : "")
                    .append("; WeChat's last answers: ").append(timeline(row.path("timelineEnd"))).append(".");
        }
        return text.append(storeNote(row)).toString();
    }

    static String midnight(JsonNode row, long from) {
        long skew = row.path("skewMillis").asLong();
        StringBuilder text = new StringBuilder("**Accuracy, " + row.path("label").asText() + ": "
                + n(row, "errcode45009") + " 45009, new day from " + seconds(from) + " s.**");
        if (row.path("errcode45009").asLong() > 0) {
            long first = row.path("first45009Millis").asLong();
            text.append(" The first 45009 came ").append(seconds(Math.abs(first))).append(" s ")
                    .append(first < 0 ? "before" : "after").append(" WeChat's midnight, ")
                    .append(seconds(Math.abs(first + skew))).append(" s ").append(first + skew < 0 ? "before" : "after")
                    .append(" the instances' midnight");
            if (first < 0 && first + skew >= 0) {
                text.append(": the instances' new day began before WeChat's, and WeChat, still on the day that ends")
                        .append(" and used up, refused the calls they sent then (the row has ")
                        .append(row.path("instances").asInt() * row.path("threadsPerInstance").asInt())
                        .append(" calling threads): their clocks were further from WeChat's than the 5 s the guard tolerates, or the")
                        .append(" old day did not end used up by their count, so the new day was not held");
            } else if (first >= 0) {
                long counted = row.path("newDayReached").asLong() + row.path("errcode45009NewDay").asLong();
                long limit = row.path("limit").asLong();
                long holds = limit - (long) Math.floor(limit * FLOOR);
                text.append(": WeChat counted ").append(String.format(Locale.ROOT, "%,d", counted))
                        .append(" calls on its new day (").append(n(row, "newDayReached")).append(" let through, ")
                        .append(n(row, "errcode45009NewDay")).append(" refused), while the instances' new day holds ")
                        .append(String.format(Locale.ROOT, "%,d", holds)).append(" (L less the floor): at least ")
                        .append(String.format(Locale.ROOT, "%,d", counted - holds))
                        .append(" of the calls WeChat counted on its new day were taken from the instances' old day"
                                + " (at least: the 45009s only show those the row's 20 s reached)");
                text.append(skew < 0 ? ", those they sent in the " + seconds(-skew) + " s between WeChat's midnight"
                        + " and theirs that the window before midnight did not charge to the new day"
                        : ", calls in flight across midnight that the window before midnight did not charge to the new"
                        + " day as well");
            }
            text.append(". What WeChat answered up to the first 45009 (its time, China): ")
                    .append(timeline(row.path("before45009"))).append(".");
        }
        if (row.path("getApiQuotaCalls").asLong() > row.path("instances").asLong() * (row.path("seconds").asLong() + 1)) {
            text.append(" The instances asked getApiQuota ").append(n(row, "getApiQuotaCalls")).append(" times in the ")
                    .append(String.format(Locale.ROOT, "%.0f", row.path("seconds").asDouble())).append(" s of the row,")
                    .append(" more than once a second each: near midnight a held new day, or an empty bucket, is asked about")
                    .append(" at most once a second per instance (WeChat's last answers: ")
                    .append(timeline(row.path("timelineEnd"))).append(").");
        }
        if (from < 0 || from > AccuracyReport.NEW_DAY_WITHIN_MILLIS) {
            text.append(" The first call sent after WeChat's midnight was counted ")
                    .append(from < 0 ? "never before the row ended" : seconds(from) + " s after it")
                    .append(" (the instances' midnight ").append(skew == 0 ? "was WeChat's" : "was "
                            + seconds(Math.abs(skew)) + " s " + (skew > 0 ? "before" : "after") + " it")
                    .append("; a new day whose old one ended used up opens when WeChat confirms its own, or 5 s after")
                    .append(" the instances' midnight).");
        }
        return text.append(storeNote(row)).toString();
    }

    /**
     * A row whose target was met but whose new day was not all in use: the instances' new day began before WeChat's,
     * and what they sent meanwhile (counted on WeChat's old day) was taken from their new day; or empty.
     */
    static String earlyNewDay(JsonNode row) {
        long skew = row.path("skewMillis").asLong();
        if (skew <= 0 || row.path("oldDayUsedUp").asBoolean() || row.path("newDayUsedUpMillis").asLong() >= 0) {
            return "";
        }
        long unused = row.path("limit").asLong() - row.path("newDayReached").asLong();
        return "**Accuracy, " + row.path("label").asText() + ": no 45009, but WeChat's new day let only "
                + n(row, "newDayReached") + " of L = " + n(row, "limit") + " through in the row.** The instances' new"
                + " day began " + seconds(skew) + " s before WeChat's: what they sent in those seconds was counted on"
                + " WeChat's old day and on their new one, so " + String.format(Locale.ROOT, "%,d", unused)
                + " of WeChat's new day stayed unused until a sync answer is applied (the new day's first sync runs"
                + " 6 s after midnight).";
    }

    /** Why the store matters to a row: it was unreachable, and the guards counted locally for a while. */
    static String storeNote(JsonNode row) {
        return row.path("storeUnreachable").asLong() == 0 ? "" : " The guards found Redis unreachable "
                + n(row, "storeUnreachable") + " time(s) (no answer within " + Fixtures.STORE_TIMEOUT.toSeconds()
                + " s) and counted locally meanwhile, a share of the last known remainder each.";
    }

    static boolean no45009(JsonNode row) {
        return row.path("errcode45009").asLong() == 0 && row.path("failed").asLong() == 0;
    }

    static String rejected(JsonNode row) {
        long after = row.path("rejectedAfter45009").asLong();
        return n(row, "rejectedLocally") + (after > 0 ? " (+" + String.format(Locale.ROOT, "%,d", after) + ")" : "");
    }

    static String timeline(JsonNode entries) {
        List<String> text = new ArrayList<>();
        entries.forEach(entry -> text.add(entry.asText().replace(" x ", " × ")));
        return String.join(", then ", text);
    }

    static String n(JsonNode row, String field) {
        return String.format(Locale.ROOT, "%,d", row.path(field).asLong());
    }

    static String seconds(long millis) {
        return millis < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", millis / 1000.0);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
