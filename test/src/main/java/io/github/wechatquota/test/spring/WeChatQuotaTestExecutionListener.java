package io.github.wechatquota.test.spring;

import io.github.wechatquota.store.LocalQuotaStore;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.test.WeChatTestServer;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Before each test of a context that has a {@link WeChatTestServer}: resets WeChat and syncs the guard from it, so that
 * quotas used, 45009s seen and scripted answers of one test do not reach the next.
 */
final class WeChatQuotaTestExecutionListener implements TestExecutionListener, Ordered {

    /** After dependency injection, so that the test's fields are set; before the test's own {@code @BeforeEach}. */
    @Override
    public int getOrder() {
        return 5_000;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        context.getBeanProvider(WeChatTestServer.class).ifAvailable(server -> {
            server.reset();
            // The guard's own count of this month's clears, where the store is in the application's memory.
            context.getBeanProvider(QuotaStore.class).ifAvailable(store -> {
                if (store instanceof LocalQuotaStore local) {
                    local.forgetClears();
                }
            });
            WeChatQuotaContextCustomizer.syncGuard(context);
        });
    }
}
