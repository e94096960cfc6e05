package io.github.wechatquota.processor;

import static io.github.wechatquota.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApisIndexTest {

    @TempDir
    Path out;

    private static final String CLIENT = source("""
            interface WeChatClient {
                @WeChatApi(cgiPath = "/cgi-bin/message/custom/send", appId = "#appId", onExhausted = QuotaPolicy.FALLBACK,
                        fallbackMethod = "queue", cost = 2)
                String send(String appId, java.util.List<String> messages);

                default String queue(String appId, java.util.List<String> messages) {
                    return "queued";
                }

                @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 1000, perMinuteLimit = 10,
                        appId = "wx0123456789abcdef", onExhausted = QuotaPolicy.REJECT)
                String createMenu(byte[] json, int attempt);

                interface Nested {
                    @WeChatApi(cgiPath = "/cgi-bin/menu/get")
                    String getMenu();
                }
            }
            """);

    private static final String SERVICE = source("""
            class AdminService {
                @WeChatApi(cgiPath = "/cgi-bin/menu/delete", onExhausted = QuotaPolicy.CLEAR_AND_RETRY)
                public <T extends CharSequence> void deleteMenu(T reason) {
                }
            }
            """);

    private static final String EXPECTED = """
            {"apis":[
            {"type":"com.example.AdminService","method":"deleteMenu","parameterTypes":["java.lang.CharSequence"],\
            "cgiPath":"/cgi-bin/menu/delete","dailyLimit":-1,"perMinuteLimit":-1,"policy":"CLEAR_AND_RETRY","appId":"",\
            "cost":1,"fallbackMethod":""},
            {"type":"com.example.WeChatClient","method":"createMenu","parameterTypes":["byte[]","int"],\
            "cgiPath":"/cgi-bin/menu/create","dailyLimit":1000,"perMinuteLimit":10,"policy":"REJECT",\
            "appId":"wx0123456789abcdef","cost":1,"fallbackMethod":""},
            {"type":"com.example.WeChatClient","method":"send","parameterTypes":["java.lang.String","java.util.List"],\
            "cgiPath":"/cgi-bin/message/custom/send","dailyLimit":-1,"perMinuteLimit":-1,"policy":"FALLBACK",\
            "appId":"#appId","cost":2,"fallbackMethod":"queue"},
            {"type":"com.example.WeChatClient$Nested","method":"getMenu","parameterTypes":[],\
            "cgiPath":"/cgi-bin/menu/get","dailyLimit":-1,"perMinuteLimit":-1,"policy":"DEFAULT","appId":"",\
            "cost":1,"fallbackMethod":""}
            ]}
            """;

    @Test
    void index_listsEveryAnnotatedMethod_sortedByTypeMethodAndParameters() {
        TestCompiler.Result result = TestCompiler.into(out).compile(CLIENT, SERVICE);

        assertThat(result.all()).isEmpty();
        assertThat(result.index()).hasValue(EXPECTED);
    }

    @Test
    void index_isTheSameWhicheverOrderTheSourcesComeIn() throws Exception {
        String first = TestCompiler.into(Files.createDirectory(out.resolve("a"))).compile(CLIENT, SERVICE).index()
                .orElseThrow();
        String second = TestCompiler.into(Files.createDirectory(out.resolve("b"))).compile(SERVICE, CLIENT).index()
                .orElseThrow();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void overloads_areOrderedByTheirParameterTypes() {
        String index = TestCompiler.into(out).compile(source("""
                interface WeChatClient {
                    @WeChatApi(cgiPath = "/cgi-bin/user/info")
                    String info(String openId, String lang);

                    @WeChatApi(cgiPath = "/cgi-bin/user/info")
                    String info(String openId);
                }
                """)).index().orElseThrow();

        assertThat(index).contains("[\"java.lang.String\"]", "[\"java.lang.String\",\"java");
        assertThat(index.indexOf("[\"java.lang.String\"]")).isLessThan(index.indexOf("[\"java.lang.String\",\"java"));
    }

    @Test
    void noAnnotatedMethod_writesNoIndex() {
        TestCompiler.Result result = TestCompiler.into(out).compile(source("""
                interface WeChatClient {
                    String plain();
                }
                """));

        assertThat(result.success()).isTrue();
        assertThat(result.index()).isEmpty();
    }

    @Test
    void quote_escapesWhatJsonRequires() {
        assertThat(ApisIndex.quote("a\"b\\c\n\r\t\b\f\u0001\u2028é")).isEqualTo(
                "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u2028é\"");
    }

    @Test
    void json_ofNoApis_isAnEmptyList() {
        assertThat(ApisIndex.json(java.util.List.of())).isEqualTo("{\"apis\":[]}\n");
    }
}
