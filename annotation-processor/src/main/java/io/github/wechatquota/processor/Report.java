package io.github.wechatquota.processor;

import java.util.Arrays;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The diagnostics about one {@code @WeChatApi}. Each is attached to the value it is about when that value is written
 * out, else to the annotation, and reads {@code @WeChatApi <member>: <what is wrong>: <the fix>}.
 *
 * <p>Warnings and notes are left out where {@code @SuppressWarnings("wechat-quota")} covers the method: a path whose
 * limit comes from configuration, say, cannot be told apart at compile time.
 */
final class Report {

    /** The key of {@code @SuppressWarnings} that silences this processor's warnings and notes. */
    static final String SUPPRESSION = "wechat-quota";

    private final Messager messager;
    private final ApiAnnotation api;
    private final boolean suppressed;

    Report(Messager messager, ApiAnnotation api) {
        this.messager = messager;
        this.api = api;
        this.suppressed = isSuppressed(api.method);
    }

    void error(String member, String message) {
        print(Diagnostic.Kind.ERROR, member, message);
    }

    void warning(String member, String message) {
        if (!suppressed) {
            print(Diagnostic.Kind.WARNING, member, message);
        }
    }

    void note(String member, String message) {
        if (!suppressed) {
            print(Diagnostic.Kind.NOTE, member, message);
        }
    }

    private void print(Diagnostic.Kind kind, String member, String message) {
        String text = "@WeChatApi " + member + ": " + message;
        AnnotationValue value = api.explicitValue(member);
        if (value != null) {
            messager.printMessage(kind, text, api.method, api.mirror, value);
        } else {
            messager.printMessage(kind, text, api.method, api.mirror);
        }
    }

    private static boolean isSuppressed(Element element) {
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
            if (suppress != null && Arrays.asList(suppress.value()).contains(SUPPRESSION)) {
                return true;
            }
        }
        return false;
    }
}
