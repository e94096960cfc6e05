package io.github.wechatquota.processor;

import static io.github.wechatquota.processor.Sources.client;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.processor.TestCompiler.Diag;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.Diagnostic.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppIdChecksTest {

    @TempDir
    Path out;

    private TestCompiler.Result compile(String members) {
        return TestCompiler.into(out).compile(client(members));
    }

    @Test
    void defaultApp_literalAppids_andParameterExpressions_areFine() {
        assertThat(compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create")
                String defaultApp(String json);

                @WeChatApi(cgiPath = "/cgi-bin/menu/get", appId = "wx0123456789abcdef")
                String literal();

                @WeChatApi(cgiPath = "/cgi-bin/menu/delete", appId = "#appId")
                String byName(String appId);

                @WeChatApi(cgiPath = "/cgi-bin/message/custom/send", appId = "#request.appId()")
                String byProperty(Request request);

                @WeChatApi(cgiPath = "/cgi-bin/message/mass/send", appId = "#p1")
                String byPosition(String json, String appId);

                @WeChatApi(cgiPath = "/cgi-bin/message/mass/sendall", appId = "#a0")
                String byArgument(String appId);

                @WeChatApi(cgiPath = "/cgi-bin/user/info", appId = "#root.args[0]")
                String spelRoot(String appId);

                record Request(String appId) {
                }
                """).all()).isEmpty();
    }

    @Test
    void literalNotStartingWithWx_isAWarning() {
        TestCompiler.Result result = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "gh_0123456789ab")
                String createMenu(String json);
                """);

        assertThat(result.success()).isTrue();
        assertThat(result.only()).isEqualTo(new Diag(Kind.WARNING, "@WeChatApi appId: 'gh_0123456789ab' does not look"
                + " like an appid (WeChat's start with 'wx', e.g. 'wx0123456789abcdef'): check it, or take it from a"
                + " parameter with '#name'", "WeChatClient.java", 8, "\"gh_0123456789ab\""));
    }

    @Test
    void literalNamingAParameter_isAWarningSuggestingTheHash() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "appId")
                String createMenu(String appId, String json);
                """).only();

        assertThat(diag.kind()).isEqualTo(Kind.WARNING);
        assertThat(diag.message()).isEqualTo("@WeChatApi appId: 'appId' does not look like an appid (WeChat's start"
                + " with 'wx', e.g. 'wx0123456789abcdef'): to take the appid from parameter 'appId', write '#appId'");
    }

    @Test
    void literalWithOtherCharacters_isAnError() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "wx0123 456789abcdef")
                String createMenu(String json);
                """).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi appId: 'wx0123 456789abcdef' is neither an appid"
                + " nor an expression: write the appid (letters, digits, '_' and '-'; WeChat's start with 'wx', e.g."
                + " 'wx0123456789abcdef'), an expression over a parameter such as '#appId' or '#p0', or leave appId out"
                + " for the default app", "WeChatClient.java", 8, "\"wx0123 456789abcdef\""));
    }

    @Test
    void blank_isAnError() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = " ")
                String createMenu(String json);
                """).only();

        assertThat(diag.message()).isEqualTo("@WeChatApi appId: ' ' is blank: leave appId out for the default app, or"
                + " write the appid, e.g. 'wx0123456789abcdef'");
    }

    @Test
    void expressionNamingNoParameter_isAnErrorListingTheParameters() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "#appid")
                String createMenu(String appId, String json);
                """).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi appId: '#appid' names no parameter of"
                + " createMenu(String appId, String json): use #appId, #json, or a position such as #p0",
                "WeChatClient.java", 8, "\"#appid\""));
    }

    @Test
    void expressionOnAMethodWithoutParameters_isAnError() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/get", appId = "#appId")
                String getMenu();
                """).only();

        assertThat(diag.message()).isEqualTo("@WeChatApi appId: '#appId' names a parameter, but getMenu() has none: use"
                + " a literal appid, or leave appId out for the default app");
    }

    @Test
    void positionBeyondTheParameters_isAnError() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "#p2")
                String createMenu(String appId, String json);
                """).only();

        assertThat(diag.message()).isEqualTo("@WeChatApi appId: '#p2' refers to parameter 2, but"
                + " createMenu(String, String) has 2: use #p0 to #p1");
    }

    /** The processor used to fail with a NumberFormatException here; the run time reported it as out of range. */
    @Test
    void positionTooLargeForAnInt_isAnErrorLikeAnyPositionOutOfRange() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "#p99999999999")
                String createMenu(String appId, String json);
                """).only();

        assertThat(diag.message()).isEqualTo("@WeChatApi appId: '#p99999999999' refers to parameter 99999999999,"
                + " but createMenu(String, String) has 2: use #p0 to #p1");
    }

    @Test
    void hashWithoutAName_isAnError() {
        Diag diag = compile("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "#0")
                String createMenu(String appId);
                """).only();

        assertThat(diag.message()).isEqualTo("@WeChatApi appId: '#0' has no parameter name after '#': write '#' and a"
                + " parameter's name, e.g. '#appId', or its position, '#p0'");
    }

    @Test
    void expressionByName_onAClassCompiledWithoutParameters_saysParametersIsMissing() throws Exception {
        Path classes = Files.createDirectory(out.resolve("classes"));
        String source = client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "#appId")
                String createMenu(String appId, String json);
                """);
        assertThat(TestCompiler.into(classes).withoutParameters().withoutProcessor().compile(source).success()).isTrue();

        TestCompiler.Result result = TestCompiler.into(Files.createDirectory(out.resolve("processed")))
                .processOnly(classes, "com.example.WeChatClient").compile();

        assertThat(result.success()).isFalse();
        assertThat(result.only()).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi appId: '#appId' names a parameter, but"
                + " the parameter names of createMenu(String, String) were not kept (they read arg0, arg1): -parameters"
                + " is missing; compile with -parameters (maven-compiler-plugin: <parameters>true</parameters>), or"
                + " refer to the parameter by position, e.g. '#p0'", null, -1, null));
    }

    @Test
    void expressionByName_onAClassCompiledWithParameters_isFine() throws Exception {
        Path classes = Files.createDirectory(out.resolve("classes"));
        String source = client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "#appId")
                String createMenu(String appId, String json);
                """);
        assertThat(TestCompiler.into(classes).withoutProcessor().compile(source).success()).isTrue();

        TestCompiler.Result result = TestCompiler.into(Files.createDirectory(out.resolve("processed")))
                .processOnly(classes, "com.example.WeChatClient").compile();

        assertThat(result.all()).isEmpty();
        assertThat(result.success()).isTrue();
    }

    @Test
    void expressionByPosition_needsNoParameterNames() throws Exception {
        Path classes = Files.createDirectory(out.resolve("classes"));
        String source = client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", appId = "#p0")
                String createMenu(String appId, String json);
                """);
        assertThat(TestCompiler.into(classes).withoutParameters().withoutProcessor().compile(source).success()).isTrue();

        TestCompiler.Result result = TestCompiler.into(Files.createDirectory(out.resolve("processed")))
                .processOnly(classes, "com.example.WeChatClient").compile();

        assertThat(result.all()).isEmpty();
    }
}
