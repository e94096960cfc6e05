package io.github.wechatquota.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/** Generates {@code com.example.GeneratedClient}, with a {@code @WeChatApi} method, in answer to {@code @Generate}. */
final class GeneratingProcessor extends AbstractProcessor {

    private boolean generated;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("com.example.Generate");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (generated || annotations.isEmpty()) {
            return false;
        }
        generated = true;
        try (Writer writer = processingEnv.getFiler().createSourceFile("com.example.GeneratedClient").openWriter()) {
            writer.write("""
                    package com.example;

                    import io.github.wechatquota.annotation.WeChatApi;

                    interface GeneratedClient {
                        @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 200)
                        String create(String json);
                    }
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }
}
