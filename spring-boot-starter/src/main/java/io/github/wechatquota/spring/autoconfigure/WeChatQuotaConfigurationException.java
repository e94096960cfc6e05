package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.WeChatQuotaException;

/**
 * The {@code wechat.quota} configuration, or an annotation it governs, cannot work. Carries the property (or method),
 * what is wrong, and the fix, for {@link WeChatQuotaFailureAnalyzer} to show.
 */
public class WeChatQuotaConfigurationException extends WeChatQuotaException {

    private static final long serialVersionUID = 1L;

    private final String where;
    private final String problem;
    private final String fix;

    public WeChatQuotaConfigurationException(String where, String problem, String fix, Throwable cause) {
        super(where + ": " + problem + (fix == null ? "" : " " + fix), cause);
        this.where = where;
        this.problem = problem;
        this.fix = fix;
    }

    /** The property path or annotated method at fault. */
    public String getWhere() {
        return where;
    }

    /** What is wrong with it. */
    public String getProblem() {
        return problem;
    }

    /** How to fix it. */
    public String getFix() {
        return fix;
    }
}
