/**
 * The Redis store: quota state shared by every instance on one Redis (standalone, Sentinel or Cluster) through
 * Bucket4j's compare-and-swap integrations, on the application's client. {@link
 * io.github.wechatquota.store.redis.RedisQuotaStore} works through Lettuce (needs {@code lettuce-core} and {@code
 * bucket4j_jdk17-lettuce}), {@link io.github.wechatquota.store.redis.RedissonQuotaStore} through Redisson (needs {@code
 * redisson} and {@code bucket4j_jdk17-redisson}); both make the same store. Everything but the two entry points and
 * their builder is package-private.
 */
package io.github.wechatquota.store.redis;
