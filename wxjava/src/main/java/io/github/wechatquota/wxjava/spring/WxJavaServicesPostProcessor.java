package io.github.wechatquota.wxjava.spring;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.wxjava.WxJavaQuota;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Wraps each WxMpService and WxMaService bean once it is initialised, so that its every request is guarded. */
final class WxJavaServicesPostProcessor implements BeanPostProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(WxJavaServicesPostProcessor.class);

    private final Supplier<QuotaGuard> guard;

    WxJavaServicesPostProcessor(Supplier<QuotaGuard> guard) {
        this.guard = guard;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!WxJavaBeans.isService(bean) || WxJavaQuota.isGuarded(bean)) {
            return bean;
        }
        Object guarded = WxJavaBeans.guard(bean, guard.get());
        LOG.info("wechat-quota guards every request of WxJava's bean '{}' ({})", beanName,
                bean.getClass().getSimpleName());
        return guarded;
    }
}
