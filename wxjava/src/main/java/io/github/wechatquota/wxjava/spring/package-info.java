/**
 * Spring Boot wiring of the WxJava integration: used only when Spring Boot and wechat-quota's starter are present.
 */
package io.github.wechatquota.wxjava.spring;
