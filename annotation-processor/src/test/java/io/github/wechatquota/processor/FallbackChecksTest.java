package io.github.wechatquota.processor;

import static io.github.wechatquota.processor.Sources.client;
import static io.github.wechatquota.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.processor.TestCompiler.Diag;
import java.nio.file.Path;
import javax.tools.Diagnostic.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FallbackChecksTest {

    @TempDir
    Path out;

    private TestCompiler.Result compile(String source) {
        return TestCompiler.into(out).compile(source);
    }

    @Test
    void defaultMethodOfTheInterface_withTheSameParameters_isAFallback() {
        assertThat(compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "later")
                String createMenu(String json);

                default String later(String json) {
                    return "queued";
                }
                """)).all()).isEmpty();
    }

    @Test
    void fallbackTakingATrailingQuotaExhaustedException_isAFallback() {
        assertThat(compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "later")
                String createMenu(String json);

                default String later(String json, QuotaExhaustedException cause) {
                    return "queued until " + cause.getResetAt();
                }
                """)).all()).isEmpty();
    }

    @Test
    void defaultMethodInheritedFromASuperInterface_isAFallback() {
        assertThat(compile(source("""
                interface WeChatClient extends Fallbacks {
                    @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "later")
                    String createMenu(String json);
                }

                interface Fallbacks {
                    default String later(String json) {
                        return "queued";
                    }
                }
                """)).all()).isEmpty();
    }

    @Test
    void methodsOfAClass_privateOrInheritedPublic_areFallbacks_withGenericsErasedAndASubtypeReturned() {
        assertThat(compile(source("""
                class MenuService extends BaseService {
                    @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "later")
                    public CharSequence createMenu(java.util.List<String> buttons) {
                        return "created";
                    }

                    private String later(java.util.List<String> buttons) {
                        return "queued";
                    }

                    @WeChatApi(cgiPath = "/cgi-bin/menu/delete", fallbackMethod = "inherited")
                    public void deleteMenu() {
                    }
                }

                class BaseService {
                    public void inherited(QuotaExhaustedException cause) {
                    }
                }
                """)).all()).isEmpty();
    }

    @Test
    void missingFallback_isAnErrorOnTheValue_sayingWhatToDeclare() {
        Diag diag = compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "later")
                String createMenu(String json);
                """)).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi fallbackMethod: WeChatClient has no method"
                + " 'later': declare 'default String later(String json)' in WeChatClient, optionally with a trailing"
                + " QuotaExhaustedException parameter", "WeChatClient.java", 8, "\"later\""));
    }

    @Test
    void fallbackWithOtherParameters_isAnError() {
        Diag diag = compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "later")
                String createMenu(String json);

                default String later(int attempt) {
                    return "queued";
                }

                default String later(String json, RuntimeException cause) {
                    return "queued";
                }
                """)).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi fallbackMethod: later(int), later(String,"
                + " RuntimeException) in WeChatClient does not take the parameters of createMenu(String): declare"
                + " 'default String later(String json)' in WeChatClient, optionally with a trailing"
                + " QuotaExhaustedException parameter", "WeChatClient.java", 8, "\"later\""));
    }

    @Test
    void fallbackReturningAnUnrelatedType_isAnError() {
        Diag diag = compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "later")
                String createMenu(String json);

                default Object later(String json) {
                    return "queued";
                }
                """)).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi fallbackMethod: later(String) returns Object but"
                + " createMenu returns String: make later return String or a subtype", "WeChatClient.java", 8,
                "\"later\""));
    }

    @Test
    void fallbackReturningAnotherPrimitive_isAnError_asAtRunTime() {
        Diag diag = compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "later")
                long createMenu(String json);

                default int later(String json) {
                    return 0;
                }
                """)).only();

        assertThat(diag.message()).isEqualTo("@WeChatApi fallbackMethod: later(String) returns int but createMenu returns"
                + " long: make later return long");
    }

    @Test
    void abstractMethodOfAnInterface_isNoFallback() {
        Diag diag = compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "later")
                String createMenu(String json);

                String later(String json);
                """)).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi fallbackMethod: later(String) in WeChatClient is"
                + " abstract: make it a default method (the client calls the fallback on its proxy)",
                "WeChatClient.java", 8, "\"later\""));
    }

    @Test
    void staticMethodOfAnInterface_isNoFallback() {
        Diag diag = compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "later")
                String createMenu(String json);

                static String later(String json) {
                    return "queued";
                }
                """)).only();

        assertThat(diag.message()).isEqualTo("@WeChatApi fallbackMethod: later(String) in WeChatClient is static: make"
                + " it a default method (the client calls the fallback on its proxy)");
    }

    @Test
    void inheritedMethodThatIsNotPublic_isNoFallback_becauseTheRunTimeCannotFindIt() {
        Diag diag = compile(source("""
                class MenuService extends BaseService {
                    @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "later")
                    public String createMenu(String json) {
                        return "created";
                    }
                }

                class BaseService {
                    protected String later(String json) {
                        return "queued";
                    }
                }
                """)).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi fallbackMethod: later(String) is inherited from"
                + " BaseService but is not public, so it is not found at run time: make it public, or declare it in"
                + " MenuService", "MenuService.java", 8, "\"later\""));
    }

    @Test
    void theAnnotatedMethodItself_isNoFallback() {
        Diag diag = compile(source("""
                class MenuService {
                    @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "createMenu")
                    public String createMenu(String json) {
                        return "created";
                    }
                }
                """)).only();

        assertThat(diag.message()).isEqualTo("@WeChatApi fallbackMethod: 'createMenu' is the annotated method itself:"
                + " name another method, which is called instead when the quota is used up");
    }

    @Test
    void fallbackPolicyWithoutFallbackMethod_isAnErrorOnThePolicy() {
        Diag diag = compile(client("""
                @WeChatApi(cgiPath = "/cgi-bin/menu/create",
                        onExhausted = QuotaPolicy.FALLBACK)
                String createMenu(String json);
                """)).only();

        assertThat(diag).isEqualTo(new Diag(Kind.ERROR, "@WeChatApi onExhausted: FALLBACK needs a fallbackMethod: add"
                + " fallbackMethod = \"createMenuFallback\" and declare 'default String createMenuFallback(String json)'"
                + " in WeChatClient, optionally with a trailing QuotaExhaustedException parameter, or choose another"
                + " policy", "WeChatClient.java", 9, ".FALLBACK"));
    }

    @Test
    void fallbackPolicyWithoutFallbackMethod_inAClass_suggestsAPlainMethod() {
        Diag diag = compile(source("""
                class MenuService {
                    @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK)
                    public java.util.List<String> createMenu(String json) {
                        return java.util.List.of();
                    }
                }
                """)).only();

        assertThat(diag.message()).contains("declare 'List<String> createMenuFallback(String json)' in MenuService");
    }
}
