package io.github.wechatquota.processor;

import static io.github.wechatquota.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.processor.TestCompiler.Diag;
import java.nio.file.Path;
import javax.tools.Diagnostic.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyLimitConflictsTest {

    @TempDir
    Path out;

    private static String type(String name, String members) {
        return source("interface " + name + " {\n" + members.indent(4) + "}\n");
    }

    @Test
    void twoDailyLimitsForOneApiOfTheDefaultApp_isAnErrorOnBothMethods_namingTheOther() {
        TestCompiler.Result result = TestCompiler.into(out).compile(
                type("MenuClient", """
                        @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 100)
                        String createMenu(String json);
                        """),
                type("AdminClient", """
                        @WeChatApi(cgiPath = "/cgi-bin/menu/create",
                                dailyLimit = 200)
                        String replaceMenu(String json);
                        """));

        assertThat(result.success()).isFalse();
        assertThat(result.reported()).containsExactlyInAnyOrder(
                new Diag(Kind.ERROR, "@WeChatApi dailyLimit: 100 for /cgi-bin/menu/create and the default app differs"
                        + " from dailyLimit 200 on com.example.AdminClient#replaceMenu: an API has one daily limit per"
                        + " account (the lowest would apply to all); use the same value in each place, or leave"
                        + " dailyLimit out and set it once in configuration (wechat.quota.apps.<appid>.apis)",
                        "MenuClient.java", 8, "100"),
                new Diag(Kind.ERROR, "@WeChatApi dailyLimit: 200 for /cgi-bin/menu/create and the default app differs"
                        + " from dailyLimit 100 on com.example.MenuClient#createMenu: an API has one daily limit per"
                        + " account (the lowest would apply to all); use the same value in each place, or leave"
                        + " dailyLimit out and set it once in configuration (wechat.quota.apps.<appid>.apis)",
                        "AdminClient.java", 9, "200"));
    }

    @Test
    void sameLiteralAppid_conflictsAcrossThreeMethods_eachNamingTheOthersWithAnotherValue() {
        TestCompiler.Result result = TestCompiler.into(out).compile(type("WeChatClient", """
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "wx0123456789abcdef", dailyLimit = 100)
                String a(String json);

                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "wx0123456789abcdef", dailyLimit = 100)
                String b(String json);

                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "wx0123456789abcdef", dailyLimit = 300)
                String c(String json);
                """));

        assertThat(result.reported()).extracting(Diag::line, Diag::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(8L, "@WeChatApi dailyLimit: 100 for /cgi-bin/menu/create and appid"
                        + " wx0123456789abcdef differs from dailyLimit 300 on com.example.WeChatClient#c: an API has"
                        + " one daily limit per account (the lowest would apply to all); use the same value in each"
                        + " place, or leave dailyLimit out and set it once in configuration"
                        + " (wechat.quota.apps.<appid>.apis)"),
                org.assertj.core.groups.Tuple.tuple(11L, "@WeChatApi dailyLimit: 100 for /cgi-bin/menu/create and appid"
                        + " wx0123456789abcdef differs from dailyLimit 300 on com.example.WeChatClient#c: an API has"
                        + " one daily limit per account (the lowest would apply to all); use the same value in each"
                        + " place, or leave dailyLimit out and set it once in configuration"
                        + " (wechat.quota.apps.<appid>.apis)"),
                org.assertj.core.groups.Tuple.tuple(14L, "@WeChatApi dailyLimit: 300 for /cgi-bin/menu/create and appid"
                        + " wx0123456789abcdef differs from dailyLimit 100 on com.example.WeChatClient#a, 100 on"
                        + " com.example.WeChatClient#b: an API has one daily limit per account (the lowest would apply"
                        + " to all); use the same value in each place, or leave dailyLimit out and set it once in"
                        + " configuration (wechat.quota.apps.<appid>.apis)"));
    }

    @Test
    void differentAccounts_unsetLimits_andExpressionAppIds_doNotConflict() {
        TestCompiler.Result result = TestCompiler.into(out).compile(type("WeChatClient", """
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 100)
                String defaultApp(String json);

                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "wx0123456789abcdef", dailyLimit = 200)
                String otherApp(String json);

                @WeChatApi(cgiPath = "/cgi-bin/menu/create")
                String unset(String json);

                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "#appId", dailyLimit = 300)
                String perCall(String appId, String json);

                @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 100)
                String sameValue(String json);
                """));

        assertThat(result.all()).isEmpty();
    }
}
