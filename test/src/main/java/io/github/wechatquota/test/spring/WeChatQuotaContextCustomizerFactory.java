package io.github.wechatquota.test.spring;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Adds {@link WeChatQuotaContextCustomizer} to the context of a test marked {@link AutoConfigureWeChatQuota}. */
final class WeChatQuotaContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureWeChatQuota.class)
                ? new WeChatQuotaContextCustomizer()
                : null;
    }
}
