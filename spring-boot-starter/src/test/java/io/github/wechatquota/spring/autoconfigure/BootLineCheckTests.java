package io.github.wechatquota.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.StandardEnvironment;

class BootLineCheckTests {

    private static Map<String, String> jars(String boot, String actuator) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("spring-boot", boot);
        versions.put("spring-boot-autoconfigure", boot);
        versions.put("spring-boot-actuator", actuator);
        return versions;
    }

    @Test
    void check_passesOnBoot35() {
        assertThat(BootLineCheck.problem(jars("3.5.16", "3.5.16"))).isEmpty();
    }

    @Test
    void check_passesOnBoot40And41() {
        assertThat(BootLineCheck.problem(jars("4.0.7", "4.0.7"))).isEmpty();
        assertThat(BootLineCheck.problem(jars("4.1.2", "4.1.2"))).isEmpty();
    }

    @Test
    void check_namesABootOlderThan35AndTheSupportedLines() {
        assertThat(BootLineCheck.problem(jars("3.4.5", "3.4.5"))).hasValueSatisfying(problem -> assertThat(problem)
                .contains("Spring Boot 3.4.5").contains("3.5.x, 4.0.x and 4.1.x"));
    }

    @Test
    void check_namesBothJarsWhenTheApplicationMixesBootLines() {
        assertThat(BootLineCheck.problem(jars("4.1.2", "3.5.16"))).hasValueSatisfying(problem -> assertThat(problem)
                .contains("spring-boot 4.1.2").contains("spring-boot-actuator 3.5.16"));
    }

    @Test
    void check_failureIsExplainedByTheFailureAnalyzerWithTheFix() {
        assertThatThrownBy(() -> BootLineCheck.check(jars("4.0.7", "3.5.16")))
                .isInstanceOfSatisfying(WeChatQuotaConfigurationException.class, e -> {
                    FailureAnalysis analysis = new WeChatQuotaFailureAnalyzer().analyze(e);
                    assertThat(analysis.getDescription()).contains("mixes Spring Boot lines");
                    assertThat(analysis.getAction()).contains("Spring Boot BOM").contains("2025.1.x for 4.x");
                });
    }

    @Test
    void versions_seeTheSpringBootThisTestRunsOn() {
        assertThat(BootLineCheck.versions(getClass().getClassLoader()))
                .containsEntry("spring-boot", SpringBootVersion.getVersion())
                .containsEntry("spring-boot-actuator", SpringBootVersion.getVersion());
    }

    @Test
    void postProcessEnvironment_letsThisApplicationStart() {
        assertThatCode(() -> new BootLineCheck().postProcessEnvironment(new StandardEnvironment(),
                new SpringApplication())).doesNotThrowAnyException();
    }
}
