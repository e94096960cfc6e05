/**
 * The Redis store, {@link io.github.wechatquota.store.redis.RedisQuotaStore}: quota state shared by every instance on
 * one Redis (standalone, Sentinel or Cluster) through Bucket4j's Lettuce integration. Needs {@code lettuce-core} and
 * {@code bucket4j_jdk17-lettuce} on the class path; everything but the store and its builder is package-private.
 */
package io.github.wechatquota.store.redis;
