package io.github.wechatquota.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/** Turns a {@link WeChatQuotaConfigurationException} into a one-screen explanation with the fix. */
final class WeChatQuotaFailureAnalyzer extends AbstractFailureAnalyzer<WeChatQuotaConfigurationException>
        implements Ordered {

    /** Before Spring Boot's own analyzers, which would explain the binding failure that carries ours. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WeChatQuotaConfigurationException cause) {
        String description = "wechat-quota cannot start.\n\n"
                + "    Where:   " + cause.getWhere() + "\n"
                + "    Problem: " + cause.getProblem();
        return new FailureAnalysis(description, cause.getFix(), cause);
    }
}
