package io.github.wechatquota.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class BootLineCheckTests {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

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
    void check_failingWhileTheEnvironmentIsPrepared_stopsStartUpWithTheExplanation(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE)
                .listeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) event ->
                        BootLineCheck.check(jars("4.1.2", "3.5.16")));

        assertThatThrownBy(application::run).isInstanceOf(WeChatQuotaConfigurationException.class);
        assertThat(output).contains("wechat-quota cannot start")
                .contains("the application mixes Spring Boot lines: spring-boot 4.1.2 with spring-boot-actuator 3.5.16");
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
