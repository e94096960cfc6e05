package io.github.wechatquota.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.feign.WeChatQuotaCapability;
import io.github.wechatquota.spring.actuate.WeChatQuotaEndpoint;
import io.github.wechatquota.spring.actuate.WeChatQuotaEndpointWebExtension;
import io.github.wechatquota.spring.BootLine;
import io.github.wechatquota.spring.aop.WeChatApiAspect;
import io.github.wechatquota.spring.metrics.MicrometerQuotaListener;
import io.github.wechatquota.store.LocalQuotaStore;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.token.AccessTokenProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class WeChatQuotaAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WeChatQuotaAutoConfiguration.class,
                    WeChatQuotaActuatorAutoConfiguration.class, WeChatQuotaMetricsAutoConfiguration.class,
                    WeChatQuotaFeignAutoConfiguration.class))
            .withConfiguration(BootLine.actuatorAutoConfigurations())
            .withPropertyValues("wechat.quota.apps.wx0123456789abcdef.secret=s3cret",
                    "wechat.quota.sync.on-startup=false", "wechat.quota.sync.interval=0",
                    "management.endpoints.web.exposure.include=*");

    @Test
    void runWithOneAppShouldCreateGuardAspectAndLocalStore() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(QuotaGuard.class).hasSingleBean(WeChatApiAspect.class)
                    .hasSingleBean(LocalQuotaStore.class);
            assertThat(context.getBean(QuotaGuard.class).appIds()).containsExactly("wx0123456789abcdef");
        });
    }

    @Test
    void runWhenDisabledShouldBackOff() {
        contextRunner.withPropertyValues("wechat.quota.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(QuotaGuard.class)
                        .doesNotHaveBean(WeChatApiAspect.class).doesNotHaveBean(WeChatQuotaCapability.class)
                        .doesNotHaveBean(WeChatQuotaEndpoint.class));
    }

    @Test
    void guardBacksOffWhenUserProvidedGuardIsPresent() {
        QuotaGuard own = mock(QuotaGuard.class);
        contextRunner.withBean(QuotaGuard.class, () -> own)
                .run(context -> assertThat(context.getBean(QuotaGuard.class)).isSameAs(own));
    }

    @Test
    void storeBacksOffWhenUserProvidedStoreIsPresent() {
        QuotaStore own = LocalQuotaStore.create(java.time.Clock.systemUTC(), 10);
        contextRunner.withBean(QuotaStore.class, () -> own)
                .run(context -> assertThat(context.getBean(QuotaStore.class)).isSameAs(own));
    }

    @Test
    void userAccessTokenProviderIsTheOneTheGuardUses() {
        contextRunner.withBean(AccessTokenProvider.class, () -> appId -> "user-token-for-" + appId)
                .run(context -> assertThat(context.getBean(QuotaGuard.class).accessTokens()
                        .getAccessToken("wx0123456789abcdef")).isEqualTo("user-token-for-wx0123456789abcdef"));
    }

    @Test
    void runWithMeterRegistryShouldRegisterMetricsListener() {
        contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(MicrometerQuotaListener.class));
    }

    @Test
    void runWithoutMeterRegistryShouldNotRegisterMetricsListener() {
        contextRunner.run(context -> assertThat(context).doesNotHaveBean(MicrometerQuotaListener.class));
    }

    @Test
    void runWhenMicrometerMissingShouldStillStart() {
        contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(QuotaGuard.class)
                        .doesNotHaveBean(MicrometerQuotaListener.class));
    }

    @Test
    void runWithActuatorShouldRegisterEndpointAndHealth() {
        contextRunner.run(context -> assertThat(context).hasSingleBean(WeChatQuotaEndpoint.class)
                .hasSingleBean(WeChatQuotaEndpointWebExtension.class).hasBean("wechatQuotaHealthIndicator"));
    }

    @Test
    void webExtensionBacksOffWhenTheEndpointIsNotExposedOverHttp() {
        contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health",
                "management.endpoints.jmx.exposure.include=wechatquota", "spring.jmx.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(WeChatQuotaEndpoint.class)
                        .doesNotHaveBean(WeChatQuotaEndpointWebExtension.class));
    }

    @Test
    void runWhenActuatorMissingShouldNotRegisterEndpoint() {
        contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasSingleBean(QuotaGuard.class)
                        .doesNotHaveBean(WeChatQuotaEndpoint.class));
    }

    @Test
    void healthIndicatorBacksOffWhenDisabled() {
        contextRunner.withPropertyValues("management.health.wechatquota.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(BootLine.healthIndicatorType()));
    }

    @Test
    void runWithOpenFeignShouldRegisterCapability() {
        contextRunner.run(context -> assertThat(context).hasSingleBean(WeChatQuotaCapability.class));
    }

    @Test
    void runWhenOpenFeignMissingShouldNotRegisterCapability() {
        contextRunner.withClassLoader(new FilteredClassLoader(feign.Capability.class))
                .run(context -> assertThat(context).hasSingleBean(QuotaGuard.class)
                        .doesNotHaveBean(WeChatQuotaCapability.class));
    }

    @Test
    void propertiesBindKebabCaseEnumsAndBracketedPaths() {
        contextRunner.withPropertyValues("wechat.quota.default-policy=clear-and-retry",
                "wechat.quota.apps.wx0123456789abcdef.account-type=test-account",
                "wechat.quota.apps.wx0123456789abcdef.apis.[/cgi-bin/menu/create].daily-limit=7",
                "wechat.quota.apps.wx0123456789abcdef.apis.[/cgi-bin/menu/create].policy=wait",
                "wechat.quota.rules[0].match=/cgi-bin/message/**", "wechat.quota.rules[0].reserve=0.05")
                .run(context -> {
                    WeChatQuotaProperties properties = context.getBean(WeChatQuotaProperties.class);
                    assertThat(properties.defaultPolicy()).isEqualTo(QuotaPolicy.CLEAR_AND_RETRY);
                    WeChatQuotaProperties.App app = properties.apps().get("wx0123456789abcdef");
                    assertThat(app.accountType()).isEqualTo(io.github.wechatquota.catalog.AccountType.TEST_ACCOUNT);
                    assertThat(app.apis().get("/cgi-bin/menu/create").dailyLimit()).isEqualTo(7L);
                    assertThat(properties.rules().get(0).reserve()).isEqualTo(0.05);
                });
    }

    @Test
    void propertiesToStringHidesTheSecret() {
        contextRunner.run(context -> assertThat(context.getBean(WeChatQuotaProperties.class).toString())
                .doesNotContain("s3cret"));
    }

    @Test
    void runWithSafetyMarginOutOfRangeShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("wechat.quota.safety-margin=1.5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context).getFailure().rootCause().hasMessageContaining("safety-margin");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("wechat.quota.safety-margin");
        });
    }

    @Test
    void runWithMalformedCgiPathKeyShouldFailWithTheFix() {
        contextRunner.withPropertyValues(
                "wechat.quota.apps.wx0123456789abcdef.apis.[cgi-bin/menu/create].daily-limit=7")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("wechat.quota.apps.wx0123456789abcdef")
                            .hasStackTraceContaining("must start with '/': use '/cgi-bin/menu/create'");
                });
    }

    @Test
    void runWithNegativeLimitShouldFailNamingTheApi() {
        contextRunner.withPropertyValues(
                "wechat.quota.apps.wx0123456789abcdef.apis.[/cgi-bin/menu/create].daily-limit=-5")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("wechat.quota.apps.wx0123456789abcdef.apis.[/cgi-bin/menu/create]")
                        .hasStackTraceContaining(
                                "daily-limit must be positive, was -5: to set no limit, leave it unset"));
    }

    @Test
    void runWithUnknownPolicyShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("wechat.quota.default-policy=retry-forever").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("wechat.quota.default-policy")
                    .hasStackTraceContaining("retry-forever");
        });
    }

    @Test
    void runWithUnknownStoreTypeShouldFailNamingTheProperty() {
        contextRunner.withPropertyValues("wechat.quota.store.type=mongodb").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("wechat.quota.store.type")
                    .hasStackTraceContaining("mongodb");
        });
    }

    @Test
    void runWithFallbackAsDefaultPolicyShouldFailWithTheFix() {
        contextRunner.withPropertyValues("wechat.quota.default-policy=fallback").run(context -> assertThat(
                context.getStartupFailure()).hasStackTraceContaining("wechat.quota.default-policy")
                .hasStackTraceContaining("one of: reject, wait, clear-and-retry"));
    }

    @Test
    void annotatedMethodWithoutAppWhenSeveralAreConfiguredShouldFailNamingTheMethod() {
        contextRunner.withPropertyValues("wechat.quota.apps.wxfedcba9876543210.secret=other")
                .withUserConfiguration(AnnotatedBeanConfiguration.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .isInstanceOf(WeChatQuotaConfigurationException.class)
                            .hasMessageContaining(MenuService.class.getName() + "#createMenu")
                            .hasMessageContaining("none is the default");
                });
    }

    @Test
    void annotatedMethodWithABadCgiPathShouldFailAtStartUp() {
        contextRunner.withUserConfiguration(BadAnnotationConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining(BadPathService.class.getName() + "#call")
                    .hasMessageContaining("drop the prefix 'https://api.weixin.qq.com'");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class AnnotatedBeanConfiguration {
        @Bean
        MenuService menuService() {
            return new MenuService();
        }
    }

    static class MenuService {
        @WeChatApi(cgiPath = "/cgi-bin/menu/create")
        public String createMenu(String json) {
            return "{\"errcode\":0}";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadAnnotationConfiguration {
        @Bean
        BadPathService badPathService() {
            return new BadPathService();
        }
    }

    static class BadPathService {
        @WeChatApi(cgiPath = "https://api.weixin.qq.com/cgi-bin/menu/create")
        public String call() {
            return "";
        }
    }
}
