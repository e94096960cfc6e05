package io.github.wechatquota.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The wechat-quota demo: a service with a guarded Feign client for WeChat. {@link QuotaDemoRunner} plays a scenario
 * and prints a report; then the application serves {@code /actuator/wechatquota} and {@code /actuator/health} until
 * stopped, or exits with code 0 when {@code demo.exit} is true ({@code --demo.exit=true}).
 */
@SpringBootApplication
@EnableFeignClients
public class QuotaDemoApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(QuotaDemoApplication.class, args);
        if (context.getEnvironment().getProperty("demo.exit", Boolean.class, false)) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
