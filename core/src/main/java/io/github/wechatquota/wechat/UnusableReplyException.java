package io.github.wechatquota.wechat;

/**
 * A reply that is no answer at all (HTTP error, empty, not JSON), found by the codec before the operation is known.
 * {@link WeChatAdminClient} turns it into a {@link io.github.wechatquota.WeChatQuotaException} naming the operation;
 * it never leaves the package, since {@link #body} is raw and unredacted.
 */
final class UnusableReplyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What was wrong, phrased to follow the operation, e.g. {@code WeChat's reply was empty (HTTP 200)}. */
    final String problem;
    /** The start of the body as received; "" when there was none. */
    final transient String body;

    UnusableReplyException(String problem, String body) {
        super(problem, null, false, false); // no stack: it is a signal, caught one frame up
        this.problem = problem;
        this.body = body;
    }
}
