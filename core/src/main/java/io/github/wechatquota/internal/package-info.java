/**
 * What wechat-quota's own modules share and applications must not use: no compatibility is promised here.
 */
package io.github.wechatquota.internal;
