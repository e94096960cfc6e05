package io.github.wechatquota.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.token.AccessTokenProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * First-day configuration mistakes, each written in a real YAML or .properties source as a user would, each met with
 * wechat-quota's own Where/Problem/Action screen.
 */
class ConfigurationMistakesTests {

    private static final String APP = "wx0123456789abcdef";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WeChatQuotaAutoConfiguration.class))
            .withPropertyValues("wechat.quota.sync.on-startup=false", "wechat.quota.sync.interval=0");

    private final WeChatQuotaFailureAnalyzer analyzer = new WeChatQuotaFailureAnalyzer();

    @Test
    void apiKeyWithoutBrackets_failsSayingToWriteItInBrackets() {
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wx0123456789abcdef:
                        secret: s3cret
                        apis:
                          /cgi-bin/menu/create:
                            daily-limit: 100
                """).run(context -> {
                    FailureAnalysis analysis = analysis(context);
                    assertThat(analysis.getDescription())
                            .contains("Where:   wechat.quota.apps." + APP + ".apis./cgi-bin/menu/create")
                            .contains("the key '/cgi-bin/menu/create' is not in brackets")
                            .contains("reading it as 'cgi-binmenucreate'");
                    assertThat(analysis.getAction()).isEqualTo("Write the key in quotes and brackets: "
                            + "\"[/cgi-bin/menu/create]\" (in a .properties file: apis[/cgi-bin/menu/create].<setting>).");
                });
    }

    @Test
    void hostPrefixedApiKeyWithoutBrackets_failsInsteadOfDroppingTheCap() {
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wx0123456789abcdef:
                        secret: s3cret
                        apis:
                          https://api.weixin.qq.com/cgi-bin/menu/create:
                            daily-limit: 100
                """).run(context -> {
                    FailureAnalysis analysis = analysis(context);
                    assertThat(analysis.getDescription())
                            .contains("Where:   wechat.quota.apps." + APP
                                    + ".apis.https://api.weixin.qq.com/cgi-bin/menu/create")
                            .contains("reading it as 'httpsapi.weixin.qq.comcgi-binmenucreate': its settings would "
                                    + "not apply to /cgi-bin/menu/create");
                    assertThat(analysis.getAction()).startsWith("Drop 'https://api.weixin.qq.com' and write the key "
                            + "in quotes and brackets: \"[/cgi-bin/menu/create]\"");
                });
    }

    @Test
    void hostPrefixedApiKeyInAPropertiesFile_fails() {
        withProperties("wechat.quota.apps." + APP + ".secret=s3cret\n"
                + "wechat.quota.apps." + APP + ".apis.https://api.weixin.qq.com/cgi-bin/menu/create.daily-limit=100\n")
                .run(context -> assertThat(analysis(context).getAction())
                        .contains("\"[/cgi-bin/menu/create]\""));
    }

    @Test
    void bracketedApiKeysInYamlAndProperties_bind() {
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wx0123456789abcdef:
                        secret: s3cret
                        apis:
                          "[/cgi-bin/menu/create]":
                            daily-limit: 100
                """).withPropertyValues("wechat.quota.apps." + APP + ".apis[/cgi-bin/menu/get].daily-limit=50")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WeChatQuotaProperties.class).apps().get(APP).apis())
                            .containsOnlyKeys("/cgi-bin/menu/create", "/cgi-bin/menu/get");
                });
    }

    @Test
    void bracketedKeyWithoutLeadingSlash_namesTheKeyAndTheBracketedFix() {
        withProperties("wechat.quota.apps." + APP + ".secret=s3cret\n"
                + "wechat.quota.apps." + APP + ".apis.[cgi-bin/menu/create].daily-limit=100\n").run(context -> {
                    FailureAnalysis analysis = analysis(context);
                    assertThat(analysis.getDescription())
                            .contains("Where:   wechat.quota.apps." + APP + ".apis.[cgi-bin/menu/create]\n")
                            .endsWith("Problem: cgi_path 'cgi-bin/menu/create' must start with '/': use "
                                    + "'/cgi-bin/menu/create' (WeChat answers 76003 otherwise)");
                    assertThat(analysis.getAction()).startsWith("Write the key in quotes and brackets: "
                            + "\"[/cgi-bin/menu/create]\"");
                });
    }

    @Test
    void misspelledDefaultPolicy_listsTheValuesValidForTheDefault() {
        withYaml("""
                wechat:
                  quota:
                    default-policy: rejct
                """).run(context -> {
                    FailureAnalysis analysis = analysis(context);
                    assertThat(analysis.getDescription()).contains("Where:   wechat.quota.default-policy\n")
                            .endsWith("Problem: 'rejct' is not valid; valid: reject, wait, clear-and-retry");
                    assertThat(analysis.getAction())
                            .isEqualTo("Set wechat.quota.default-policy to one of: reject, wait, clear-and-retry.");
                });
    }

    @Test
    void fallbackAsDefaultPolicy_saysWhereFallbackBelongs() {
        withYaml("""
                wechat:
                  quota:
                    default-policy: fallback
                """).run(context -> {
                    FailureAnalysis analysis = analysis(context);
                    assertThat(analysis.getDescription()).contains("'fallback' cannot be the default policy");
                    assertThat(analysis.getAction())
                            .isEqualTo("Set wechat.quota.default-policy to one of: reject, wait, clear-and-retry.");
                });
    }

    @Test
    void unknownPerApiPolicy_listsFallbackAmongTheValidValues() {
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wx0123456789abcdef:
                        secret: s3cret
                        apis:
                          "[/cgi-bin/menu/create]":
                            policy: default
                """).run(context -> assertThat(analysis(context).getAction()).isEqualTo("Set wechat.quota.apps."
                        + APP + ".apis[/cgi-bin/menu/create].policy to one of: reject, fallback, wait, clear-and-retry."));
    }

    @Test
    void unknownRulePolicy_listsFallbackAmongTheValidValues() {
        withYaml("""
                wechat:
                  quota:
                    rules:
                      - match: /cgi-bin/message/**
                        policy: retry
                """).run(context -> {
                    FailureAnalysis analysis = analysis(context);
                    assertThat(analysis.getDescription()).contains("Where:   wechat.quota.rules[0].policy\n")
                            .contains("'retry' is not valid");
                    assertThat(analysis.getAction()).isEqualTo(
                            "Set wechat.quota.rules[0].policy to one of: reject, fallback, wait, clear-and-retry.");
                });
    }

    @Test
    void unknownStoreTypeOnFailureAndAccountType_listTheirValues() {
        withYaml("""
                wechat:
                  quota:
                    store:
                      type: mongodb
                """).run(context -> assertThat(analysis(context).getAction())
                        .isEqualTo("Set wechat.quota.store.type to one of: local, redis, jdbc."));
        withYaml("""
                wechat:
                  quota:
                    store:
                      on-failure: retry
                """).run(context -> assertThat(analysis(context).getAction()).isEqualTo(
                        "Set wechat.quota.store.on-failure to one of: local-fallback, fail-open, fail-closed."));
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wx0123456789abcdef:
                        account-type: mini_app
                        secret: s3cret
                """).run(context -> assertThat(analysis(context).getAction()).isEqualTo("Set wechat.quota.apps."
                        + APP + ".account-type to one of: official-account, mini-program, test-account, "
                        + "third-party-platform."));
    }

    @Test
    void unresolvedSecretPlaceholder_namesTheVariableAndNotTheValue() {
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wx0123456789abcdef:
                        secret: ${WXQ_TEST_SECRET_NEVER_SET}
                """).run(context -> {
                    FailureAnalysis analysis = analysis(context);
                    assertThat(analysis.getDescription())
                            .contains("Where:   wechat.quota.apps." + APP + ".secret\n")
                            .contains("${WXQ_TEST_SECRET_NEVER_SET} is not resolved");
                    assertThat(analysis.getAction()).startsWith("Set WXQ_TEST_SECRET_NEVER_SET in the application's "
                            + "environment");
                });
    }

    @Test
    void unresolvedSecretPlaceholder_failsEvenWithAnAccessTokenProvider() {
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wx0123456789abcdef:
                        secret: ${WXQ_TEST_SECRET_NEVER_SET}
                """).withBean(AccessTokenProvider.class, () -> appId -> "token")
                .run(context -> assertThat(analysis(context).getDescription()).contains("is not resolved"));
    }

    @Test
    void blankSecret_failsWhenTheBuiltInTokenProviderNeedsIt() {
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wx0123456789abcdef:
                        secret: ${WXQ_TEST_SECRET_NEVER_SET:}
                """).run(context -> {
                    FailureAnalysis analysis = analysis(context);
                    assertThat(analysis.getDescription())
                            .contains("Where:   wechat.quota.apps." + APP + ".secret\n")
                            .contains("the built-in token provider needs it");
                    assertThat(analysis.getAction()).contains("AccessTokenProvider bean");
                });
    }

    @Test
    void blankSecret_isFineWithTheApplicationsOwnAccessTokenProvider() {
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wx0123456789abcdef:
                        secret: ${WXQ_TEST_SECRET_NEVER_SET:}
                """).withBean(AccessTokenProvider.class, () -> appId -> "token")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(QuotaGuard.class));
    }

    @Test
    void resolvedSecret_isNeverShownInAFailure() {
        withYaml("""
                wechat:
                  quota:
                    default-policy: rejct
                    apps:
                      wx0123456789abcdef:
                        secret: ${WXQ_TEST_SECRET:very-secret-value}
                        apis:
                          /cgi-bin/menu/create:
                            policy: reject
                """).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("wechat.quota")
                            .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain("very-secret-value"));
                });
    }

    @Test
    void platformNotConfigured_namesTheAccountsPlatformPropertyAndHowToConfigureIt() {
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wx0123456789abcdef:
                        platform: wxcomponent0000001
                """).run(context -> {
                    FailureAnalysis analysis = analysis(context);
                    assertThat(analysis.getDescription())
                            .contains("Where:   wechat.quota.apps." + APP + ".platform")
                            .contains("the platform wxcomponent0000001 is not configured");
                    assertThat(analysis.getAction()).startsWith("Configure wechat.quota.apps.wxcomponent0000001 with "
                            + "account-type: third-party-platform");
                });
    }

    @Test
    void authorizersOnAnOfficialAccount_saysOnlyAPlatformHasThem() {
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wx0123456789abcdef:
                        secret: s3cret
                        authorizers: "wx12*"
                """).run(context -> {
                    FailureAnalysis analysis = analysis(context);
                    assertThat(analysis.getDescription())
                            .contains("Where:   wechat.quota.apps." + APP + ".authorizers")
                            .contains("only a third-party-platform has authorized accounts");
                });
    }

    @Test
    void aPlatformWithARuleForItsAccounts_starts_andTheRuleAppliesToAnAuthorizer() {
        withYaml("""
                wechat:
                  quota:
                    apps:
                      wxcomponent0000001:
                        account-type: third-party-platform
                        secret: component-s3cret
                        authorizers: "wxauth*"
                    rules:
                      - match: /cgi-bin/menu/**
                        platform: wxcomponent0000001
                        daily-limit: 7
                """).run(context -> {
                    assertThat(context).hasNotFailed();
                    QuotaGuard guard = context.getBean(QuotaGuard.class);
                    io.github.wechatquota.engine.GuardedApi menu = guard.register(
                            io.github.wechatquota.engine.ApiDefinition.builder("/cgi-bin/menu/create").build());
                    menu.bind("wxauth000000000001");
                    menu.bind("wxother00000000001");
                    assertThat(guard.snapshot("wxauth000000000001", "/cgi-bin/menu/create").orElseThrow()
                            .dailyLimit()).hasValue(7);
                    assertThat(guard.snapshot("wxother00000000001", "/cgi-bin/menu/create").orElseThrow()
                            .dailyLimit()).isNotEqualTo(java.util.OptionalLong.of(7));
                });
    }

    private ApplicationContextRunner withYaml(String yaml) {
        return withSource(new YamlPropertySourceLoader(), "application.yml", yaml);
    }

    private ApplicationContextRunner withProperties(String properties) {
        return withSource(new PropertiesPropertySourceLoader(), "application.properties", properties);
    }

    private ApplicationContextRunner withSource(PropertySourceLoader loader, String name, String text) {
        return contextRunner.withInitializer(context -> {
            try {
                for (PropertySource<?> source : loader.load(name, new ByteArrayResource(
                        text.getBytes(StandardCharsets.UTF_8), name))) {
                    context.getEnvironment().getPropertySources().addLast(source);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private FailureAnalysis analysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
        assertThat(analysis).as("wechat-quota's own analysis of %s", context.getStartupFailure()).isNotNull();
        return analysis;
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        return trace.toString();
    }
}
