package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * The values a {@code wechat.quota} enum property accepts, as the user writes them, and the failure for any other:
 * Spring's own screen would list every constant, DEFAULT and (for the default policy) FALLBACK included, which are not
 * valid there.
 */
final class EnumChoices {

    private static final ConfigurationPropertyName DEFAULT_POLICY = ConfigurationPropertyName.of(
            "wechat.quota.default-policy");
    /** Every policy a user may name: DEFAULT only means "not set". */
    private static final List<QuotaPolicy> POLICIES = java.util.Arrays.stream(QuotaPolicy.values())
            .filter(policy -> policy != QuotaPolicy.DEFAULT).toList();
    /** What may apply to every API: all but FALLBACK, which needs a method to call. */
    private static final List<QuotaPolicy> DEFAULT_POLICIES = POLICIES.stream()
            .filter(policy -> policy != QuotaPolicy.FALLBACK).toList();

    private EnumChoices() {
    }

    /** The constants valid for the property, in the order they are listed. */
    static List<? extends Enum<?>> valid(ConfigurationPropertyName property, Class<?> enumType) {
        if (enumType == QuotaPolicy.class) {
            return DEFAULT_POLICY.equals(property) ? DEFAULT_POLICIES : POLICIES;
        }
        return Arrays.stream(enumType.getEnumConstants()).map(constant -> (Enum<?>) constant).toList();
    }

    /** Fails when a bound constant is not valid for its property (DEFAULT anywhere, FALLBACK as default-policy). */
    static void requireValid(ConfigurationPropertyName property, Enum<?> bound) {
        if (!valid(property, bound.getDeclaringClass()).contains(bound)) {
            String problem = bound == QuotaPolicy.FALLBACK
                    ? "'fallback' cannot be the default policy: a fallback needs a method to call, so set it per API "
                            + "(wechat.quota.apps.<appid>.apis) or in a rule"
                    : "'" + id(bound) + "' is not valid here; valid: " + listed(property, bound.getDeclaringClass());
            throw failure(property, problem, bound.getDeclaringClass());
        }
    }

    /** The failure for a value that names no constant. */
    static WeChatQuotaConfigurationException unknown(ConfigurationPropertyName property, Object value,
            Class<?> enumType) {
        return failure(property, "'" + value + "' is not valid; valid: " + listed(property, enumType), enumType);
    }

    private static WeChatQuotaConfigurationException failure(ConfigurationPropertyName property, String problem,
            Class<?> enumType) {
        return new WeChatQuotaConfigurationException(property.toString(), problem,
                "Set " + property + " to one of: " + listed(property, enumType) + ".", null);
    }

    private static String listed(ConfigurationPropertyName property, Class<?> enumType) {
        return String.join(", ", valid(property, enumType).stream().map(EnumChoices::id).toList());
    }

    /** How the constant is written in configuration: official-account, clear-and-retry, local-fallback. */
    static String id(Enum<?> constant) {
        if (constant instanceof AccountType type) {
            return type.id();
        }
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
