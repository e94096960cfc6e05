package io.github.wechatquota.spring.autoconfigure;

import io.lettuce.core.AbstractRedisClient;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Spring Data Redis' Lettuce client, in a class of its own so that it is only loaded when Spring Data Redis is there. */
final class SpringDataRedisClient {

    private SpringDataRedisClient() {
    }

    static AbstractRedisClient nativeClient(BeanFactory beans) {
        LettuceConnectionFactory factory = beans.getBeanProvider(LettuceConnectionFactory.class).getIfUnique();
        return factory == null ? null : factory.getNativeClient();
    }
}
