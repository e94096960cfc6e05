package io.github.wechatquota.wxjavademo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The WxJava demo: a service that calls WeChat through WxJava's {@code WxMpService}, with wechat-quota-wxjava on the
 * classpath and no quota code. {@link WxJavaDemoRunner} plays a scenario, prints a report, and the application
 * exits with code 0.
 */
@SpringBootApplication
public class WxJavaDemoApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(WxJavaDemoApplication.class, args)));
    }
}
