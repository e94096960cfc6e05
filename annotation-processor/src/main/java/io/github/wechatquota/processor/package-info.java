/**
 * The {@code @WeChatApi} annotation processor: compile-time checks of each annotation, and the index
 * {@code META-INF/wechat-quota/apis.json} of every annotated method. Everything here works on {@code javax.lang.model}
 * mirrors; no class of the code being compiled is loaded. Only {@link io.github.wechatquota.processor.WeChatApiProcessor}
 * is public, for the service file.
 */
package io.github.wechatquota.processor;
