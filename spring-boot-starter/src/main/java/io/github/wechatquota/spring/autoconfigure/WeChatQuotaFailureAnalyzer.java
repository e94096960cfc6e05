package io.github.wechatquota.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link WeChatQuotaConfigurationException} into a one-screen explanation with the fix. */
final class WeChatQuotaFailureAnalyzer extends AbstractFailureAnalyzer<WeChatQuotaConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WeChatQuotaConfigurationException cause) {
        String description = "wechat-quota cannot start.\n\n"
                + "    Where:   " + cause.getWhere() + "\n"
                + "    Problem: " + cause.getProblem() + "\n";
        return new FailureAnalysis(description, cause.getFix(), cause);
    }
}
