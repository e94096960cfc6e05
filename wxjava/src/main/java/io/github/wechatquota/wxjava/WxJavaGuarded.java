package io.github.wechatquota.wxjava;

/** Marks a WxJava service this module guards, so that it is never wrapped twice. */
interface WxJavaGuarded {
}
