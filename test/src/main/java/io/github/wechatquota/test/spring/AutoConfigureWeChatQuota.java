package io.github.wechatquota.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring Boot test's wechat-quota starter at a simulated WeChat, as {@code @AutoConfigureMockMvc} does for
 * MVC:
 *
 * <ul>
 *   <li>a {@link io.github.wechatquota.test.WeChatTestServer} bean starts with the context, serving every account
 *       under {@code wechat.quota.apps} with its configured secret and type (the default account when none is), and
 *       {@code wechat.quota.api-base-url} names it;</li>
 *   <li>its clock is the application's {@link java.time.Clock}, and waits move it instead of the thread (a {@link
 *       io.github.wechatquota.engine.Sleeper}), unless the application defines its own;</li>
 *   <li>before each test WeChat is reset and the guard syncs from it, so every test starts with full quotas; after
 *       each {@code quota(...)} change the guard syncs too, as if it had just asked getApiQuota.</li>
 * </ul>
 *
 * Tests with the same configuration share one context, and with it one simulator.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureWeChatQuota {
}
