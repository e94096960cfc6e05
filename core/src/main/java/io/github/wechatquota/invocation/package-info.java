/**
 * One model of a guarded method for every client kind: {@link io.github.wechatquota.invocation.MethodGuards} reads a
 * {@code @WeChatApi} method once into a {@link io.github.wechatquota.invocation.GuardedMethod}, and an adapter supplies
 * only a {@link io.github.wechatquota.invocation.MethodInvoker}: how to call the method and its fallback.
 */
package io.github.wechatquota.invocation;
