package io.github.wechatquota.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class WeChatQuotaFailureAnalyzerTests {

    private final WeChatQuotaFailureAnalyzer analyzer = new WeChatQuotaFailureAnalyzer();

    @Test
    void analysisShowsWhereWhatAndTheFix() {
        WeChatQuotaConfigurationException cause = new WeChatQuotaConfigurationException("wechat.quota.safety-margin",
                "safety-margin must be a fraction within [0, 1), e.g. 0.01; was 1.5",
                "Fix wechat.quota.safety-margin: use a fraction such as 0.01.", null);

        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("wechatQuotaGuard", "failed", cause));

        assertThat(analysis.getDescription()).contains("Where:   wechat.quota.safety-margin")
                .contains("Problem: safety-margin must be a fraction within [0, 1), e.g. 0.01; was 1.5");
        assertThat(analysis.getAction()).isEqualTo("Fix wechat.quota.safety-margin: use a fraction such as 0.01.");
    }

    @Test
    void otherFailuresAreNotAnalyzed() {
        assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
    }
}
