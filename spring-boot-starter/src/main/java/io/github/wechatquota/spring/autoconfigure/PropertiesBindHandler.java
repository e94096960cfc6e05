package io.github.wechatquota.spring.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.convert.ConversionFailedException;

/**
 * Checks {@code wechat.quota} while Spring binds it, where the property as written is still known: cgi path keys
 * written without brackets, enum values not valid for their property, and secrets whose placeholder nothing resolved.
 * Each becomes a {@link WeChatQuotaConfigurationException} naming the property and the fix.
 */
final class PropertiesBindHandler extends AbstractBindHandler {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("wechat.quota");
    private static final ConfigurationPropertyName APPS = ConfigurationPropertyName.of("wechat.quota.apps");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)");

    PropertiesBindHandler(BindHandler parent) {
        super(parent);
    }

    /** Registers the handler for every {@code @ConfigurationProperties} binding; it acts only under wechat.quota. */
    static ConfigurationPropertiesBindHandlerAdvisor advisor() {
        return PropertiesBindHandler::new;
    }

    @Override
    public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
        if (ROOT.equals(name)) {
            ApiKeys.requireBrackets(context.getSources());
        }
        return super.onStart(name, target, context);
    }

    @Override
    public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
        if (ROOT.isAncestorOf(name)) {
            if (result instanceof Enum<?> bound) {
                EnumChoices.requireValid(name, bound);
            }
            if (isSecret(name) && result instanceof String secret) {
                requireResolved(name, secret);
            }
        }
        return super.onSuccess(name, target, context, result);
    }

    @Override
    public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error)
            throws Exception {
        Class<?> type = target.getType().resolve(Object.class);
        if (ROOT.isAncestorOf(name) && type.isEnum() && !(error instanceof BindException)
                && !(error instanceof WeChatQuotaConfigurationException)) {
            throw EnumChoices.unknown(name, value(context, error), type);
        }
        return super.onFailure(name, target, context, error);
    }

    private static boolean isSecret(ConfigurationPropertyName name) {
        return name.getNumberOfElements() == 5 && APPS.isAncestorOf(name)
                && "secret".equals(name.getLastElement(ConfigurationPropertyName.Form.UNIFORM));
    }

    /** Names the unresolved variables only: the rest of the value could be part of a secret. */
    private static void requireResolved(ConfigurationPropertyName name, String secret) {
        Set<String> variables = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(secret);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        if (!variables.isEmpty()) {
            String names = String.join(", ", variables);
            String placeholders = String.join(", ", variables.stream().map(v -> "${" + v + "}").toList());
            throw new WeChatQuotaConfigurationException(name.toString(),
                    placeholders + " is not resolved: no environment variable or property " + names + " is set, so "
                            + "the placeholder itself would be sent to WeChat as the secret",
                    "Set " + names + " in the application's environment (the value is never shown), or provide the "
                            + "secret another way.", null);
        }
    }

    private static Object value(BindContext context, Exception error) {
        ConfigurationProperty property = context.getConfigurationProperty();
        if (property != null) {
            return property.getValue();
        }
        return error instanceof ConversionFailedException conversion ? conversion.getValue() : null;
    }
}
