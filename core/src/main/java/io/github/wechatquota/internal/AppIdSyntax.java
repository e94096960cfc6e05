package io.github.wechatquota.internal;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of {@code @WeChatApi(appId = ...)}, read once for the run time (which resolves the simple forms) and
 * the annotation processor (which checks every form at compile time): empty for the default app, a literal appid
 * (letters, digits, {@code _} and {@code -}), or {@code #} and a first name, which is a parameter's name, its position
 * ({@code p0}, {@code a0}) or SpEL's own {@code root} / {@code this}, optionally followed by more SpEL. Internal:
 * shared by wechat-quota's own modules, not an API.
 */
public final class AppIdSyntax {

    /** What an expression is. */
    public enum Kind {
        /** {@code ""} (or {@code null}): the default app. */
        DEFAULT_APP,
        /** Only whitespace. */
        BLANK,
        /** A literal appid. */
        LITERAL,
        /** Text without {@code #} that cannot be an appid. */
        NOT_AN_APPID,
        /** {@code #} not followed by a name. */
        NO_NAME,
        /** {@code #} and a first name: a parameter reference, possibly followed by more SpEL. */
        REFERENCE
    }

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern FIRST_NAME = Pattern.compile("#([A-Za-z_$][A-Za-z0-9_$]*)");
    private static final Pattern POSITION = Pattern.compile("[pa](\\d+)");

    private final Kind kind;
    private final String text;
    private final String name;
    private final String rest;

    private AppIdSyntax(Kind kind, String text, String name, String rest) {
        this.kind = kind;
        this.text = text;
        this.name = name;
        this.rest = rest;
    }

    /** Reads an annotation's {@code appId}; never fails: what is wrong is a {@link Kind}. */
    public static AppIdSyntax parse(String expression) {
        if (expression == null || expression.isEmpty()) {
            return new AppIdSyntax(Kind.DEFAULT_APP, "", null, "");
        }
        String text = expression.strip();
        if (text.isEmpty()) {
            return new AppIdSyntax(Kind.BLANK, text, null, "");
        }
        if (!text.startsWith("#")) {
            return new AppIdSyntax(LITERAL.matcher(text).matches() ? Kind.LITERAL : Kind.NOT_AN_APPID, text, null, "");
        }
        Matcher first = FIRST_NAME.matcher(text);
        if (!first.lookingAt()) {
            return new AppIdSyntax(Kind.NO_NAME, text, null, "");
        }
        return new AppIdSyntax(Kind.REFERENCE, text, first.group(1), text.substring(first.end()));
    }

    public Kind kind() {
        return kind;
    }

    /** The expression without surrounding whitespace: the appid itself for a {@link Kind#LITERAL}. */
    public String text() {
        return text;
    }

    /** The first name after {@code #} of a {@link Kind#REFERENCE}, e.g. {@code appId} or {@code p0}. */
    public String name() {
        return name;
    }

    /** What follows the first name of a {@link Kind#REFERENCE}, e.g. {@code .appId}; empty for a plain reference. */
    public String rest() {
        return rest;
    }

    /** Whether this is a reference by nothing but a parameter name or position: what resolves without SpEL. */
    public boolean isPlainReference() {
        return kind == Kind.REFERENCE && rest.isEmpty() && !isSpelVariable();
    }

    /** Whether the first name is SpEL's own {@code root} or {@code this} rather than a parameter. */
    public boolean isSpelVariable() {
        return kind == Kind.REFERENCE && (name.equals("root") || name.equals("this"));
    }

    /**
     * The parameter position of a {@code #p0} or {@code #a0} reference; {@link Integer#MAX_VALUE} for more digits than
     * an int holds (out of range for any method, not a number format error); empty for a name.
     */
    public OptionalInt position() {
        if (kind != Kind.REFERENCE) {
            return OptionalInt.empty();
        }
        Matcher position = POSITION.matcher(name);
        if (!position.matches()) {
            return OptionalInt.empty();
        }
        String digits = position.group(1);
        return OptionalInt.of(digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits));
    }

    /** The digits of a position as written, e.g. {@code 2} of {@code #p2}, for messages. */
    public String positionAsWritten() {
        return name.substring(1);
    }
}
