package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.wechatquota.catalog.AccountType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AppDirectoryTest {

    private static final String CONFIGURED = "wx0000000000000001";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final AppDirectory directory = new AppDirectory(
            Map.of(CONFIGURED, AppSettings.of(CONFIGURED, AccountType.MINI_PROGRAM)), CONFIGURED);
    private Logger logger;

    @BeforeEach
    void captureLogs() {
        logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(AppDirectory.class);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void thousandsOfAppearingAuthorizersAreLoggedAsAHandfulOfCounts() {
        for (int i = 0; i < 10_000; i++) {
            directory.settings(authorizer(i));
        }

        assertThat(messages()).hasSize(5);
        assertThat(messages().get(0)).contains(authorizer(0), "is not configured under wechat.quota.apps");
        assertThat(messages().subList(1, 5)).extracting(message -> message.substring(0, message.indexOf(' ')))
                .containsExactly("10", "100", "1,000", "10,000");
        assertThat(directory.unconfiguredCount()).isEqualTo(10_000);
    }

    @Test
    void anAuthorizerSeenAgainIsNotCountedAgain() {
        directory.settings(authorizer(1));
        directory.settings(authorizer(1));

        assertThat(directory.unconfiguredCount()).isEqualTo(1);
        assertThat(messages()).hasSize(1);
    }

    @Test
    void unconfiguredAppidsAreGuardedAsOfficialAccountsAndConfiguredOnesAsConfigured() {
        assertThat(directory.settings(authorizer(7)).accountType()).isEqualTo(AccountType.OFFICIAL_ACCOUNT);
        assertThat(directory.settings(CONFIGURED).accountType()).isEqualTo(AccountType.MINI_PROGRAM);
        assertThat(messages()).hasSize(1);
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static String authorizer(int i) {
        return String.format("wxa%015d", i);
    }
}
