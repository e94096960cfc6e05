package io.github.wechatquota.processor;

import static io.github.wechatquota.processor.Sources.client;
import static io.github.wechatquota.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.processor.TestCompiler.Diag;
import java.nio.file.Path;
import javax.tools.Diagnostic.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgiPathChecksTest {

    @TempDir
    Path out;

    private TestCompiler.Result compile(String source) {
        return TestCompiler.into(out).compile(source);
    }

    @Test
    void hostPrefix_isAnErrorOnTheValue_naming76003AndThePathToUse() {
        TestCompiler.Result result = compile(client("""
                @WeChatApi(cgiPath = "https://api.weixin.qq.com/cgi-bin/menu/create")
                String createMenu(String json);
                """));

        assertThat(result.success()).isFalse();
        assertThat(result.only()).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi cgiPath: cgi_path"
                + " 'https://api.weixin.qq.com/cgi-bin/menu/create' must not include a scheme or host: drop the prefix"
                + " 'https://api.weixin.qq.com' and use '/cgi-bin/menu/create' (WeChat answers 76003 to a host prefix)",
                "WeChatClient.java", 8, "\"https://api.weixin.qq.com/cgi-bin/menu/create\""));
    }

    @Test
    void missingLeadingSlash_isAnError() {
        Diag diag = compile(client("""
                @WeChatApi(cgiPath = "cgi-bin/menu/create")
                String createMenu(String json);
                """)).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi cgiPath: cgi_path 'cgi-bin/menu/create' must"
                + " start with '/': use '/cgi-bin/menu/create' (WeChat answers 76003 otherwise)", "WeChatClient.java", 8,
                "\"cgi-bin/menu/create\""));
    }

    @Test
    void queryString_isAnError_withTheTokenMasked() {
        Diag diag = compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create?access_token=SECRET")
                String createMenu(String json);
                """)).only();

        assertThat(diag.kind()).isEqualTo(Kind.ERROR);
        assertThat(diag.message()).isEqualTo("@WeChatApi cgiPath: cgi_path '/cgi-bin/menu/create?access_token=***'"
                + " must not include a query string: drop '?access_token=***' and use '/cgi-bin/menu/create' (the"
                + " access_token and other parameters are added per call)");
        assertThat(diag.at()).startsWith("\"/cgi-bin/menu/create?");
    }

    @Test
    void whitespace_isAnError() {
        Diag diag = compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create ")
                String createMenu(String json);
                """)).only();

        assertThat(diag.kind()).isEqualTo(Kind.ERROR);
        assertThat(diag.message()).isEqualTo("@WeChatApi cgiPath: cgi_path '/cgi-bin/menu/create ' contains whitespace:"
                + " use '/cgi-bin/menu/create'");
    }

    @Test
    void empty_isAnError() {
        Diag diag = compile(client("""
                @WeChatApi(cgiPath = "")
                String createMenu(String json);
                """)).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi cgiPath: cgi_path is empty: give the API's path,"
                + " e.g. '/cgi-bin/message/custom/send'", "WeChatClient.java", 8, "\"\""));
    }

    @Test
    void constantExpression_isCheckedByItsValue() {
        Diag diag = compile(source("""
                interface WeChatClient {
                    String BASE = "https://api.weixin.qq.com";

                    @WeChatApi(cgiPath = BASE + "/cgi-bin/menu/create")
                    String createMenu(String json);
                }
                """)).only();

        assertThat(diag.kind()).isEqualTo(Kind.ERROR);
        assertThat(diag.message()).contains("drop the prefix 'https://api.weixin.qq.com'");
        assertThat(diag.line()).isEqualTo(10);
    }

    @Test
    void snsPath_withoutDailyLimit_isAWarning() {
        TestCompiler.Result result = compile(client("""
                @WeChatApi(cgiPath = "/sns/userinfo")
                String userInfo(String openId);
                """));

        assertThat(result.success()).isTrue();
        assertThat(result.only()).isEqualTo(new Diag(Kind.WARNING, "@WeChatApi cgiPath: getApiQuota cannot see"
                + " /sns/userinfo (WeChat answers 76022 for every /sns/ path), so its quota is never synced and no limit"
                + " is known: set dailyLimit here, or set it in configuration (wechat.quota.apps.<appid>.apis) and add"
                + " @SuppressWarnings(\"wechat-quota\")", "WeChatClient.java", 8, "\"/sns/userinfo\""));
    }

    @Test
    void snsPath_withDailyLimit_isFine() {
        assertThat(compile(client("""
                @WeChatApi(cgiPath = "/sns/userinfo", dailyLimit = 50000)
                String userInfo(String openId);
                """)).all()).isEmpty();
    }

    @Test
    void snsPath_warningIsSuppressedBySuppressWarnings_onTheMethodOrItsType() {
        assertThat(compile(client("""
                @SuppressWarnings("wechat-quota")
                @WeChatApi(cgiPath = "/sns/userinfo")
                String userInfo(String openId);
                """)).all()).isEmpty();
        assertThat(compile(source("""
                @SuppressWarnings({"unused", "wechat-quota"})
                interface WeChatClient {
                    @WeChatApi(cgiPath = "/sns/userinfo")
                    String userInfo(String openId);
                }
                """)).all()).isEmpty();
    }

    @Test
    void pathTheCatalogDoesNotKnow_isANote() {
        TestCompiler.Result result = compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/creat")
                String createMenu(String json);
                """));

        assertThat(result.success()).isTrue();
        assertThat(result.only()).isEqualTo(new Diag(Kind.NOTE, "@WeChatApi cgiPath: /cgi-bin/menu/creat is not in the"
                + " built-in catalog of WeChat's documented limits: check it for a typo; if it is right, its limit"
                + " comes from getApiQuota, configuration or dailyLimit", "WeChatClient.java", 8,
                "\"/cgi-bin/menu/creat\""));
    }

    @Test
    void catalogedPaths_giveNoDiagnostic() {
        assertThat(compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create")
                String createMenu(String json);

                @WeChatApi(cgiPath = "/cgi-bin/message/custom/send")
                String send(String json);
                """)).all()).isEmpty();
    }
}
