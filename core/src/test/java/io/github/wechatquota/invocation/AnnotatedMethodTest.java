package io.github.wechatquota.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.ApiDefinition;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class AnnotatedMethodTest {

    static class Service {
        public String unannotated(String body) {
            return body;
        }

        @WeChatApi(cgiPath = "cgi-bin/menu/create")
        public String badPath(String body) {
            return body;
        }

        @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK)
        public String fallbackPolicyWithoutMethod(String body) {
            return body;
        }

        @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 10, cost = 2)
        public String plain(String body) {
            return body;
        }

        @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "later")
        public String withPlainFallback(String body, int attempt) {
            return body;
        }

        @SuppressWarnings("unused")
        private String later(String body, int attempt) {
            return "later " + body;
        }

        @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "queue")
        public String withExceptionFallback(String body) {
            return body;
        }

        @SuppressWarnings("unused")
        String queue(String body, QuotaExhaustedException cause) {
            return "queued " + body;
        }

        @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "missing")
        public String withMissingFallback(String body, int attempt) {
            return body;
        }

        @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "count")
        public String withIncompatibleReturnType(String body) {
            return body;
        }

        @SuppressWarnings("unused")
        Integer count(String body) {
            return 0;
        }

        @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "other")
        public String withFallbackOfOtherParameters(String body) {
            return body;
        }

        @SuppressWarnings("unused")
        String other(Object body) {
            return "other";
        }

        @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "narrower")
        public CharSequence withNarrowerFallbackType(String body) {
            return body;
        }

        @SuppressWarnings("unused")
        String narrower(String body) {
            return "narrower";
        }
    }

    interface Client {
        @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "menuLater")
        String createMenu(String json);

        default String menuLater(String json) {
            return "later";
        }
    }

    interface Defaults {
        default String sendLater(String json) {
            return "later";
        }
    }

    static class Bean implements Defaults {
        @WeChatApi(cgiPath = "/cgi-bin/message/custom/send", onExhausted = QuotaPolicy.FALLBACK,
                fallbackMethod = "sendLater")
        public String send(String json) {
            return json;
        }
    }

    private static Method method(Class<?> type, String name) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new AssertionError("no method " + name + " in " + type);
    }

    @Test
    void of_methodWithoutTheAnnotation_isEmpty() {
        assertThat(AnnotatedMethod.of(method(Service.class, "unannotated"))).isEmpty();
    }

    @Test
    void of_annotatedMethod_carriesTheDefinition() {
        AnnotatedMethod annotated = AnnotatedMethod.of(method(Service.class, "plain")).orElseThrow();

        assertThat(annotated.definition())
                .isEqualTo(ApiDefinition.builder("/cgi-bin/menu/create").dailyLimit(10).cost(2).build());
        assertThat(annotated.fallback()).isNull();
        assertThat(annotated.fallbackTakesException()).isFalse();
    }

    @Test
    void of_badCgiPath_namesTheMethodAndThePathProblem() {
        assertThatThrownBy(() -> AnnotatedMethod.of(method(Service.class, "badPath")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@WeChatApi on Service.badPath: cgi_path 'cgi-bin/menu/create' must start with '/': use "
                        + "'/cgi-bin/menu/create' (WeChat answers 76003 otherwise)");
    }

    @Test
    void of_fallbackPolicyWithoutFallbackMethod_isRejected() {
        assertThatThrownBy(() -> AnnotatedMethod.of(method(Service.class, "fallbackPolicyWithoutMethod")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@WeChatApi on Service.fallbackPolicyWithoutMethod: onExhausted = FALLBACK on "
                        + "/cgi-bin/menu/create needs a fallbackMethod: name a method with the same parameters");
    }

    @Test
    void of_fallbackWithTheSameParameters_isFound() {
        AnnotatedMethod annotated = AnnotatedMethod.of(method(Service.class, "withPlainFallback")).orElseThrow();

        assertThat(annotated.fallback()).isEqualTo(method(Service.class, "later"));
        assertThat(annotated.fallbackTakesException()).isFalse();
        assertThat(annotated.definition().hasFallback()).isTrue();
    }

    @Test
    void fallbackArguments_ofAPlainFallback_areTheCallsArguments() {
        AnnotatedMethod annotated = AnnotatedMethod.of(method(Service.class, "withPlainFallback")).orElseThrow();
        Object[] args = {"{}", 3};

        assertThat(annotated.fallbackArguments(args, exhausted())).isSameAs(args);
    }

    @Test
    void of_fallbackWithTrailingException_isFound() {
        AnnotatedMethod annotated = AnnotatedMethod.of(method(Service.class, "withExceptionFallback")).orElseThrow();

        assertThat(annotated.fallback()).isEqualTo(method(Service.class, "queue"));
        assertThat(annotated.fallbackTakesException()).isTrue();
    }

    @Test
    void fallbackArguments_ofAFallbackTakingTheException_appendIt() {
        AnnotatedMethod annotated = AnnotatedMethod.of(method(Service.class, "withExceptionFallback")).orElseThrow();
        QuotaExhaustedException cause = exhausted();

        assertThat(annotated.fallbackArguments(new Object[] {"{}"}, cause)).containsExactly("{}", cause);
    }

    @Test
    void fallbackArguments_withNullArguments_holdOnlyTheException() {
        AnnotatedMethod annotated = AnnotatedMethod.of(method(Service.class, "withExceptionFallback")).orElseThrow();
        QuotaExhaustedException cause = exhausted();

        assertThat(annotated.fallbackArguments(null, cause)).containsExactly(cause);
    }

    @Test
    void of_missingFallback_showsTheExpectedSignature() {
        assertThatThrownBy(() -> AnnotatedMethod.of(method(Service.class, "withMissingFallback")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@WeChatApi on Service.withMissingFallback: fallbackMethod 'missing' not found; declare "
                        + "String missing(String, int) in Service, optionally with a trailing "
                        + "QuotaExhaustedException parameter");
    }

    @Test
    void of_fallbackWithIncompatibleReturnType_isRejected() {
        assertThatThrownBy(() -> AnnotatedMethod.of(method(Service.class, "withIncompatibleReturnType")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@WeChatApi on Service.withIncompatibleReturnType: fallbackMethod 'count' not found; "
                        + "declare String count(String) in Service, optionally with a trailing "
                        + "QuotaExhaustedException parameter");
    }

    @Test
    void of_fallbackWithOtherParameterTypes_isRejected() {
        assertThatThrownBy(() -> AnnotatedMethod.of(method(Service.class, "withFallbackOfOtherParameters")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fallbackMethod 'other' not found; declare String other(String) in Service");
    }

    @Test
    void of_fallbackReturningASubtype_isAccepted() {
        AnnotatedMethod annotated = AnnotatedMethod.of(method(Service.class, "withNarrowerFallbackType")).orElseThrow();

        assertThat(annotated.fallback()).isEqualTo(method(Service.class, "narrower"));
    }

    @Test
    void of_fallbackThatIsADefaultMethodOfTheInterface_isFound() {
        AnnotatedMethod annotated = AnnotatedMethod.of(method(Client.class, "createMenu")).orElseThrow();

        assertThat(annotated.fallback()).isEqualTo(method(Client.class, "menuLater"));
        assertThat(annotated.fallback().isDefault()).isTrue();
    }

    @Test
    void of_fallbackInheritedAsADefaultMethodByTheAnnotatedClass_isFound() throws Exception {
        AnnotatedMethod annotated = AnnotatedMethod.of(method(Bean.class, "send")).orElseThrow();

        assertThat(annotated.fallback()).isEqualTo(Defaults.class.getMethod("sendLater", String.class));
    }

    private static QuotaExhaustedException exhausted() {
        return new QuotaExhaustedException("wx0123456789abcdef", "/cgi-bin/menu/create", 10, null, "test");
    }
}
