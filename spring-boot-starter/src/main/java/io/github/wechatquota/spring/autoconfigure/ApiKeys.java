package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.catalog.CgiPath;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The keys of {@code wechat.quota.apps.<appid>.apis}: cgi paths, which Spring's binder keeps intact only in brackets.
 * Without them it drops every '/' and splits the key at each '.', so the settings silently miss their API; hence the
 * raw property names are read before binding.
 */
final class ApiKeys {

    private static final String PREFIX = "wechat.quota.apps.";
    private static final Pattern APIS = Pattern.compile(
            "(?i)wechat\\.quota\\.apps(?:\\.([^.\\[]+)|\\[([^]]+)])\\.?apis(\\..*)");
    private static final Pattern SETTING = Pattern.compile(
            "(?i)daily[-_]?limit|per[-_]?minute[-_]?limit|policy|reserve");
    private static final Pattern SCHEME = Pattern.compile("(?i)\\.apis\\.https?$");

    private ApiKeys() {
    }

    /** Fails on the first {@code apis} key, in any of the sources, that was not written in brackets. */
    static void requireBrackets(Iterable<ConfigurationPropertySource> sources) {
        for (ConfigurationPropertySource source : sources) {
            if (source.getUnderlyingSource() instanceof EnumerablePropertySource<?> properties) {
                for (String name : properties.getPropertyNames()) {
                    unbracketed(asWritten(name, properties)).ifPresent(failure -> {
                        throw failure;
                    });
                }
            }
        }
    }

    /**
     * The line as written: a .properties file splits {@code apis.https://host/path.daily-limit=1} at its first ':',
     * into the name {@code apis.https} and the value {@code //host/path.daily-limit=1}.
     */
    private static String asWritten(String name, EnumerablePropertySource<?> properties) {
        if (SCHEME.matcher(name).find() && properties.getProperty(name) instanceof String rest
                && rest.startsWith("//") && rest.indexOf('=') > 0) {
            return name + ":" + rest.substring(0, rest.indexOf('='));
        }
        return name;
    }

    /** The failure for a raw property name whose {@code apis} key is not in brackets, if it is one. */
    static Optional<WeChatQuotaConfigurationException> unbracketed(String rawName) {
        Matcher matcher = APIS.matcher(rawName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String appId = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        String key = matcher.group(3).substring(1);
        int lastDot = key.lastIndexOf('.');
        if (lastDot > 0 && SETTING.matcher(key.substring(lastDot + 1)).matches()) {
            key = key.substring(0, lastDot);
        }
        if (key.isEmpty() || key.startsWith("[")) {
            return Optional.empty();
        }
        String apis = PREFIX + appId + ".apis";
        String readAs = ConfigurationPropertyName.adapt(key, '.').toString();
        String problem = "the key '" + key + "' is not in brackets, so Spring's binder drops every '/' and splits it at "
                + "each '.'" + (readAs.isEmpty() ? "" : ", reading it as '" + readAs + "'") + ": its settings would not "
                + "apply to " + Optional.ofNullable(suggestion(key)).orElse("any API");
        return Optional.of(new WeChatQuotaConfigurationException(apis + "." + key, problem, fix(key), null));
    }

    /** The action for a key that is not a valid cgi path in brackets. */
    static String fix(String key) {
        String path = suggestion(key);
        String drop = hostPrefix(key).map(host -> "Drop '" + host + "' and write").orElse("Write");
        return path == null
                ? "Write the key as the API's cgi path in quotes and brackets, e.g. \"[/cgi-bin/message/custom/send]\"."
                : drop + " the key in quotes and brackets: \"[" + path + "]\" (in a .properties file: apis[" + path
                        + "].<setting>).";
    }

    /** The cgi path the key stands for, or null when none can be told. */
    static String suggestion(String key) {
        return CgiPath.likelyMeant(key).orElse(null);
    }

    private static Optional<String> hostPrefix(String key) {
        String path = suggestion(key);
        if (path == null || key.startsWith("/")) {
            return Optional.empty();
        }
        int at = key.toLowerCase(Locale.ROOT).indexOf(path.toLowerCase(Locale.ROOT));
        return at > 0 && key.substring(0, at).contains(".") ? Optional.of(key.substring(0, at)) : Optional.empty();
    }
}
