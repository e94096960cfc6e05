package io.github.wechatquota.wxjava;

import me.chanjar.weixin.common.error.WxErrorException;

/**
 * One WxJava service as a source of access tokens for the accounts it serves. A multi-account service is switched to
 * the account on the calling thread for the moment of the call, then switched back.
 */
interface TokenSource {

    /**
     * Whether the service serves {@code appId} as things stand, without switching a multi-account service (which
     * logs an error for an account it lacks): asked of every service before any is switched.
     */
    boolean servesNow(String appId);

    /**
     * The account's token from the service's configuration storage, or null when the service does not serve it. A
     * multi-account service may be switched to the account for the moment, and back.
     */
    String token(String appId) throws WxErrorException;

    /** Marks {@code token} (any, when null) expired in the account's storage; false when the service does not serve it. */
    boolean expire(String appId, String token);

    /** What the service is, for messages. */
    String describe();
}
