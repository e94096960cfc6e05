/**
 * Finding WeChat's errcode in whatever a guarded call returned or threw.
 *
 * <p>WeChat reports an exhausted quota as HTTP 200 with {@code {"errcode":45009,...}}, so the engine must look inside
 * results as well as exceptions. {@link io.github.wechatquota.errcode.ErrcodeExtractor#defaults()} understands the
 * common shapes (DTOs and records with an errcode accessor, maps, Jackson trees, JSON text, WxJava and Feign
 * exceptions); an application with other shapes puts its own extractor in front of them with
 * {@link io.github.wechatquota.errcode.ErrcodeExtractor#chain(java.util.List)}.
 */
package io.github.wechatquota.errcode;
