package io.github.wechatquota.processor;

import static io.github.wechatquota.processor.Sources.client;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.processor.TestCompiler.Diag;
import java.nio.file.Path;
import javax.tools.Diagnostic.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitChecksTest {

    @TempDir
    Path out;

    private TestCompiler.Result compile(String members) {
        return TestCompiler.into(out).compile(client(members));
    }

    @Test
    void dailyLimitZero_isAnErrorOnTheValue() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 0)
                String createMenu(String json);
                """).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi dailyLimit: 0 is not a limit: give the calls"
                + " allowed per day (a positive number), or -1 (the default) to take it from getApiQuota, configuration"
                + " or the catalog", "WeChatClient.java", 8, "0"));
    }

    @Test
    void dailyLimitBelowMinusOne_isAnError() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = -5)
                String createMenu(String json);
                """).only();

        assertThat(diag.kind()).isEqualTo(Kind.ERROR);
        assertThat(diag.message()).startsWith("@WeChatApi dailyLimit: -5 is not a limit: ");
        assertThat(diag.at()).isEqualTo("-5");
    }

    @Test
    void perMinuteLimitZero_isAnErrorOnTheValue() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create",
                        perMinuteLimit = 0)
                String createMenu(String json);
                """).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi perMinuteLimit: 0 is not a limit: give the calls"
                + " allowed per minute (a positive number), or -1 (the default) to take it from getApiQuota's"
                + " rate_limit, else none", "WeChatClient.java", 9, "0"));
    }

    @Test
    void costZero_isAnError() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", cost = 0)
                String createMenu(String json);
                """).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi cost: 0 is not a cost: give the tokens one call"
                + " takes, at least 1 (the default)", "WeChatClient.java", 8, "0"));
    }

    @Test
    void costAboveDailyLimit_isAnErrorOnTheCost() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 3, cost = 5)
                String createMenu(String json);
                """).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi cost: 5 is above dailyLimit 3, so no call could"
                + " ever be made: lower cost to at most 3, or raise dailyLimit", "WeChatClient.java", 8, "5"));
    }

    @Test
    void validLimitsAndCost_giveNoDiagnostic() {
        assertThat(compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 1000, perMinuteLimit = 10, cost = 1000)
                String createMenu(String json);

                @WeChatApi(cgiPath = "/cgi-bin/menu/get", dailyLimit = -1, perMinuteLimit = -1, cost = 7)
                String getMenu();
                """).all()).isEmpty();
    }
}
