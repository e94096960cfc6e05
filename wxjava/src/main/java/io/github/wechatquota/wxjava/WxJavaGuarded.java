package io.github.wechatquota.wxjava;

/** A WxJava service this module guards. */
interface WxJavaGuarded {

    /** The service whose requests are guarded. */
    Object unguarded();
}
