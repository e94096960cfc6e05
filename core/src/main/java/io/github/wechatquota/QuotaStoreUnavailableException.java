package io.github.wechatquota;

/**
 * The quota store (Redis, PostgreSQL) could not be reached. Stores throw it for a failed operation; the guard lets it
 * reach a caller only when {@code on-failure} is {@code fail-closed}, and then the call was not made. The message
 * names the store and the key or operation.
 */
public class QuotaStoreUnavailableException extends WeChatQuotaException {

    private static final long serialVersionUID = 1L;

    public QuotaStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
