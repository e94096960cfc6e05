package io.github.wechatquota;

/**
 * The quota store (Redis, PostgreSQL) could not be reached and {@code on-failure} is {@code fail-closed}: the call was
 * not made. The message names the store and the key.
 */
public class QuotaStoreUnavailableException extends WeChatQuotaException {

    private static final long serialVersionUID = 1L;

    public QuotaStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
