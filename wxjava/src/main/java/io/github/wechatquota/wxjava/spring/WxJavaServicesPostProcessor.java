package io.github.wechatquota.wxjava.spring;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.wxjava.WxJavaQuota;
import java.util.function.Supplier;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Wraps each WxMpService and WxMaService bean once it is initialised, so that its every request is guarded. */
final class WxJavaServicesPostProcessor implements BeanPostProcessor {

    private final Supplier<QuotaGuard> guard;

    WxJavaServicesPostProcessor(Supplier<QuotaGuard> guard) {
        this.guard = guard;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!WxJavaBeans.isService(bean) || WxJavaQuota.isGuarded(bean)) {
            return bean;
        }
        return WxJavaBeans.guard(bean, guard.get());
    }
}
