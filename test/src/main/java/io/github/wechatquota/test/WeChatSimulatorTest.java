package io.github.wechatquota.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test against a simulated WeChat: a {@link WeChatTestServer} is started once for the test class, reset
 * before each test, stopped after the class, and handed to any constructor, lifecycle or test method parameter of its
 * type. It serves the {@linkplain WeChatTestServer#DEFAULT_APP_ID default account}; more with {@link
 * WeChatTestServer#serve}. For Spring Boot tests use {@code @AutoConfigureWeChatQuota} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(WeChatSimulatorExtension.class)
public @interface WeChatSimulatorTest {
}
