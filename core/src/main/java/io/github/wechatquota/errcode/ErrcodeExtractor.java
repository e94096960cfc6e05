package io.github.wechatquota.errcode;

import java.util.List;

/**
 * Finds the WeChat errcode carried by what a guarded call returned or threw: {@code 45009} and {@code 45011} drain the
 * quota, {@code -1} is retried, {@code 40001}/{@code 40014}/{@code 42001} refresh the token.
 *
 * <p>Called after every guarded call, so implementations must be cheap, thread-safe, must not allocate in the common
 * case, must never consume a stream or response body, and must not throw. {@link #NONE} means "no errcode here", which
 * is different from {@code 0} (WeChat's "ok").
 *
 * <p>To support a result type the defaults do not understand, put an extractor in front of them:
 *
 * <pre>{@code
 * ErrcodeExtractor mine = new ErrcodeExtractor() {
 *     public int fromResult(Object result) {
 *         return result instanceof MyReply reply ? reply.status().code() : NONE;
 *     }
 *     public int fromException(Throwable thrown) {
 *         return NONE;
 *     }
 * };
 * ErrcodeExtractor extractor = ErrcodeExtractor.chain(List.of(mine, ErrcodeExtractor.defaults()));
 * }</pre>
 */
public interface ErrcodeExtractor {

    /** No errcode was found. */
    int NONE = Integer.MIN_VALUE;

    /**
     * The errcode carried by a call's result, or {@link #NONE}. Never throws.
     *
     * @param result what the guarded method returned; may be null
     */
    int fromResult(Object result);

    /**
     * The errcode carried by an exception thrown by a call (or anything in its cause chain), or {@link #NONE}. Never
     * throws.
     *
     * @param thrown what the guarded method threw; may be null
     */
    int fromException(Throwable thrown);

    /**
     * The built-in extractor. Immutable and shared.
     *
     * <p><b>Results</b>, in this order of checks (by the result's class, resolved once per class):
     * <ul>
     *   <li>{@code null}, numbers, booleans, collections, arrays other than {@code byte[]}, JDK types, and anything
     *       {@link java.io.Closeable} or {@link AutoCloseable} (streams, {@code feign.Response}: never read) give
     *       {@link #NONE};
     *   <li>a {@link CharSequence} or {@code byte[]} (UTF-8) holding a JSON object: a scan, without parsing, for the
     *       first {@code "errcode"} (any letter case, so {@code "errCode"} too) followed by {@code :} and an integer
     *       (optionally quoted). Text that does not start with <code>{</code> is not scanned;
     *   <li>a Jackson {@code JsonNode}, Jackson 3's or Jackson 2's (neither is required): its field {@code errcode} or
     *       {@code errCode}, a number or numeric text;
     *   <li>a {@link java.util.Map}: its key {@code "errcode"} or {@code "errCode"}, a {@link Number} with a whole
     *       value or a numeric {@link String};
     *   <li>any other object: the first of the public no-argument methods {@code getErrcode()}, {@code getErrCode()},
     *       {@code errcode()}, {@code errCode()} (records), or the public field {@code errcode}, whose type is
     *       {@code int}, {@code long}, {@code short}, {@code byte}, a {@link Number} or a {@link CharSequence} holding
     *       an integer. A value outside the range of {@code int}, or null, gives {@link #NONE}.
     * </ul>
     *
     * <p><b>Exceptions</b>: the cause chain is walked (at most 10 deep, stopping at a cycle), first for an errcode
     * carried by a field or method, then, only when none is, for one in a message. Per throwable:
     * <ul>
     *   <li>{@code io.github.wechatquota.WeChatApiException#getErrcode()};
     *   <li>a public {@code getErrcode()}, {@code getErrorCode()} or {@code getErrCode()} returning a number (or
     *       numeric text) on a class outside the JDK ({@code java.sql.SQLException#getErrorCode()} is a database's
     *       code, not WeChat's);
     *   <li>WxJava's {@code me.chanjar.weixin.common.error.WxErrorException}: {@code getError().getErrorCode()}, by
     *       reflection (no dependency on WxJava);
     *   <li>a {@code feign.FeignException}: its already-buffered {@code contentUTF8()}, scanned as JSON text above;
     *   <li>last, the message: a scan for {@code errcode} (any letter case), an optional quote, {@code :} or {@code =},
     *       and an integer, as in {@code errcode=45009} or {@code {"errcode":45009}}.
     * </ul>
     *
     * <p>Accessors are looked up once per class; a public accessor on a class that is not itself public is used when
     * reflection may open it, otherwise through a public supertype declaring it.
     */
    static ErrcodeExtractor defaults() {
        return DefaultErrcodeExtractor.INSTANCE;
    }

    /**
     * An extractor that asks {@code extractors} in order and returns the first answer other than {@link #NONE}. An
     * extractor that throws is skipped for that call: its first failure is logged at WARN, later ones at DEBUG, so that
     * a faulty extractor of an application never breaks its calls.
     *
     * @param extractors asked in this order; usually the application's, then {@link #defaults()}
     * @throws NullPointerException when the list or an element is null
     */
    static ErrcodeExtractor chain(List<ErrcodeExtractor> extractors) {
        return new ChainedErrcodeExtractor(extractors);
    }
}
