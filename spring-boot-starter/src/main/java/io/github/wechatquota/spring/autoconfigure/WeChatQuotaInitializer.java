package io.github.wechatquota.spring.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.SyncReport;
import io.github.wechatquota.spring.aop.WeChatApiAspect;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Once every singleton exists: registers every {@code @WeChatApi} method, from the annotation processor's index
 * ({@code META-INF/wechat-quota/apis.json}) when the classpath has one, else by scanning the beans; checks that each
 * annotation can find its account; then syncs every known quota before the application takes traffic.
 */
final class WeChatQuotaInitializer implements SmartInitializingSingleton {

    static final String INDEX = "META-INF/wechat-quota/apis.json";
    private static final Logger LOG = LoggerFactory.getLogger(WeChatQuotaInitializer.class);

    private final ConfigurableListableBeanFactory beans;
    private final QuotaGuard guard;
    private final WeChatApiAspect aspect;
    private final WeChatQuotaProperties properties;

    WeChatQuotaInitializer(ConfigurableListableBeanFactory beans, QuotaGuard guard, WeChatApiAspect aspect,
            WeChatQuotaProperties properties) {
        this.beans = beans;
        this.guard = guard;
        this.aspect = aspect;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ClassLoader loader = beans.getBeanClassLoader() != null ? beans.getBeanClassLoader()
                : ClassUtils.getDefaultClassLoader();
        List<Method> methods = indexedMethods(loader);
        String found = "the annotation processor's index";
        if (methods.isEmpty()) {
            methods = scannedMethods();
            found = "the application's beans";
        }
        for (Method method : methods) {
            register(method);
        }
        LOG.info("wechat-quota guards {} @WeChatApi method(s) found in {}", methods.size(), found);
        if (properties.sync().onStartup()) {
            syncNow(properties.sync().startupTimeout());
        }
    }

    private void register(Method method) {
        try {
            aspect.register(method);
        } catch (IllegalArgumentException | IllegalStateException e) {
            String where = method.getDeclaringClass().getName() + "#" + method.getName();
            String fix = e.getMessage() != null && e.getMessage().contains("appid")
                    ? "Configure the app under wechat.quota.apps, set wechat.quota.default-app-id, or give the "
                            + "annotation an appId."
                    : "Correct the @WeChatApi annotation of " + where + ".";
            throw new WeChatQuotaConfigurationException(where, e.getMessage(), fix, e);
        }
    }

    private void syncNow(Duration timeout) {
        try {
            SyncReport report = guard.syncNow().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("wechat-quota start-up sync: {} synced, {} failed, {} not queryable", report.synced(),
                    report.failed(), report.skipped());
            report.failures().forEach(failure -> LOG.warn("wechat-quota start-up sync: {}", failure));
        } catch (TimeoutException e) {
            LOG.warn("wechat-quota start-up sync did not finish within {}; stand-in limits apply until it does",
                    timeout);
        } catch (ExecutionException e) {
            LOG.warn("wechat-quota start-up sync failed; stand-in limits apply: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Method> scannedMethods() {
        Set<Method> methods = new LinkedHashSet<>();
        for (String name : beans.getBeanDefinitionNames()) {
            Class<?> type = beans.getType(name, false);
            if (type == null || type.getName().startsWith("org.springframework.")) {
                continue;
            }
            Class<?> userType = ClassUtils.getUserClass(type);
            ReflectionUtils.doWithMethods(userType, methods::add,
                    method -> method.isAnnotationPresent(WeChatApi.class));
            for (Class<?> implemented : ClassUtils.getAllInterfacesForClassAsSet(userType)) {
                for (Method method : implemented.getMethods()) {
                    if (method.isAnnotationPresent(WeChatApi.class)) {
                        methods.add(method);
                    }
                }
            }
        }
        return new ArrayList<>(methods);
    }

    private List<Method> indexedMethods(ClassLoader loader) {
        List<Method> methods = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try {
            for (URL url : Collections.list(loader.getResources(INDEX))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode api : mapper.readTree(in).path("apis")) {
                        methods.add(indexedMethod(api, loader, url));
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not read {}; scanning beans instead: {}", INDEX, e.getMessage());
            return List.of();
        }
        return methods;
    }

    private static Method indexedMethod(JsonNode api, ClassLoader loader, URL source) {
        String typeName = api.path("type").asText();
        String methodName = api.path("method").asText();
        try {
            Class<?> type = ClassUtils.forName(typeName, loader);
            List<Class<?>> parameterTypes = new ArrayList<>();
            for (JsonNode parameter : api.path("parameterTypes")) {
                parameterTypes.add(ClassUtils.forName(parameter.asText(), loader));
            }
            return type.getDeclaredMethod(methodName, parameterTypes.toArray(new Class<?>[0]));
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            throw new WeChatQuotaConfigurationException(typeName + "#" + methodName,
                    "listed in " + source + " but not found on the classpath (" + e + ")",
                    "Rebuild the project so that the annotation processor writes a fresh index.", e);
        }
    }
}
