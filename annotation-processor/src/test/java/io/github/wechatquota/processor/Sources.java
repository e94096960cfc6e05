package io.github.wechatquota.processor;

/** Test sources in package {@code com.example}: six header lines, so a type declared in them starts on line 7. */
final class Sources {

    private Sources() {
    }

    static String source(String typeDeclaration) {
        return """
                package com.example;

                import io.github.wechatquota.QuotaExhaustedException;
                import io.github.wechatquota.annotation.QuotaPolicy;
                import io.github.wechatquota.annotation.WeChatApi;

                """ + typeDeclaration;
    }

    /** An interface {@code WeChatClient} with {@code members}. */
    static String client(String members) {
        return source("interface WeChatClient {\n" + members.indent(4) + "}\n");
    }
}
