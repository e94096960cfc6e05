package io.github.wechatquota.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class AppIdExpressionTest {

    /** Methods whose parameters the expressions refer to; the build compiles with {@code -parameters}. */
    interface Client {
        String send(String appId, String body);

        String noArguments();

        String withRequest(Request req);
    }

    record Request(String appId) {
    }

    private static Method method(String name) {
        for (Method method : Client.class.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new AssertionError("no method " + name);
    }

    @Test
    void parse_empty_meansTheDefaultApp() {
        AppIdExpression expression = AppIdExpression.parse(method("send"), "");

        assertThat(expression.resolve(new Object[] {"wxaaaa", "{}"})).isNull();
        assertThat(expression.isConstant()).isTrue();
    }

    @Test
    void parse_blankOrNull_meansTheDefaultApp() {
        assertThat(AppIdExpression.parse(method("send"), "   ").resolve(new Object[] {"wxaaaa", "{}"})).isNull();
        assertThat(AppIdExpression.parse(method("send"), null).resolve(new Object[] {"wxaaaa", "{}"})).isNull();
    }

    @Test
    void parse_literalAppId_resolvesToItWhateverTheArguments() {
        AppIdExpression expression = AppIdExpression.parse(method("send"), "wx0123456789abcdef");

        assertThat(expression.resolve(new Object[] {"wxother", "{}"})).isEqualTo("wx0123456789abcdef");
        assertThat(expression.isConstant()).isTrue();
    }

    @Test
    void parse_hashName_resolvesThatParameter() {
        AppIdExpression expression = AppIdExpression.parse(method("send"), "#appId");

        assertThat(expression.resolve(new Object[] {"wxfromargument", "{}"})).isEqualTo("wxfromargument");
        assertThat(expression.isConstant()).isFalse();
    }

    @Test
    void parse_hashNameOfSecondParameter_resolvesThatParameter() {
        AppIdExpression expression = AppIdExpression.parse(method("send"), "#body");

        assertThat(expression.resolve(new Object[] {"wxfirst", "wxsecond"})).isEqualTo("wxsecond");
    }

    @Test
    void parse_hashP0_resolvesTheFirstParameter() {
        AppIdExpression expression = AppIdExpression.parse(method("send"), "#p0");

        assertThat(expression.resolve(new Object[] {"wxbyindex", "{}"})).isEqualTo("wxbyindex");
    }

    @Test
    void parse_hashA1_resolvesTheSecondParameter() {
        AppIdExpression expression = AppIdExpression.parse(method("send"), "#a1");

        assertThat(expression.resolve(new Object[] {"wxfirst", "wxsecond"})).isEqualTo("wxsecond");
    }

    @Test
    void resolve_nullArgument_isRefusedRatherThanChargedToTheDefaultApp() {
        AppIdExpression expression = AppIdExpression.parse(method("send"), "#appId");

        assertThatThrownBy(() -> expression.resolve(new Object[] {null, "{}"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 0, which is null")
                .hasMessageContaining("pass the account's appid");
    }

    @Test
    void resolve_blankArgument_isRefused() {
        AppIdExpression expression = AppIdExpression.parse(method("send"), "#appId");

        assertThatThrownBy(() -> expression.resolve(new Object[] {" ", "{}"})).hasMessageContaining("blank");
    }

    @Test
    void parse_indexOutOfRange_isRejectedNamingTheMethodAndTheCount() {
        assertThatThrownBy(() -> AppIdExpression.parse(method("send"), "#p2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("appId '#p2' on Client.send refers to parameter 2 but the method has 2");
    }

    @Test
    void parse_indexOnMethodWithoutParameters_isRejected() {
        assertThatThrownBy(() -> AppIdExpression.parse(method("noArguments"), "#a0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("appId '#a0' on Client.noArguments refers to parameter 0 but the method has 0");
    }

    @Test
    void parse_indexTooLargeForAnInt_isRejectedNamingTheMethod() {
        assertThatThrownBy(() -> AppIdExpression.parse(method("send"), "#p99999999999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("appId '#p99999999999' on Client.send refers to parameter 99999999999");
    }

    @Test
    void parse_unknownName_isRejectedNamingTheMethod() {
        assertThatThrownBy(() -> AppIdExpression.parse(method("send"), "#tenant"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("appId '#tenant' on Client.send names no parameter; expressions beyond #name, #p0 and #a0 "
                        + "need the Spring starter's SpEL");
    }

    @Test
    void parse_literalWithIllegalCharacters_isRejected() {
        assertThatThrownBy(() -> AppIdExpression.parse(method("send"), "wx 0123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("appId 'wx 0123' on Client.send is neither an appid nor a parameter reference such as #appId");
    }

    @Test
    void parse_spelWithoutHash_isRejectedAsNeitherAppIdNorReference() {
        assertThatThrownBy(() -> AppIdExpression.parse(method("send"), "${wechat.app}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'${wechat.app}'")
                .hasMessageContaining("is neither an appid nor a parameter reference");
    }

    @Test
    void parse_propertyPath_saysItNeedsTheSpringStarter() {
        assertThatThrownBy(() -> AppIdExpression.parse(method("withRequest"), "#req.appId"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("appId '#req.appId' on Client.withRequest names no parameter; expressions beyond #name, "
                        + "#p0 and #a0 need the Spring starter's SpEL");
    }

    @Test
    void parse_withoutMethod_isRejected() {
        assertThatThrownBy(() -> AppIdExpression.parse(null, "#appId"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("method");
    }
}
