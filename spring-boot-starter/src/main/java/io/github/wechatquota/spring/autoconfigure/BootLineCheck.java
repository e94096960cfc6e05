package io.github.wechatquota.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Stops the application at start-up, before anything of wechat-quota runs, when the Spring Boot it runs on is one the
 * starter does not support (before 3.5), or when the application mixes Spring Boot lines (a {@code spring-boot} 4 jar
 * beside a 3.5 actuator, say: the health and metrics wiring would find neither line's classes). One starter serves
 * Spring Boot 3.5.x, 4.0.x and 4.1.x; it chooses each line's wiring by the classes present.
 */
final class BootLineCheck implements EnvironmentPostProcessor {

    /** A class of each Spring Boot jar the starter's wiring depends on, by artifact. */
    private static final Map<String, String> JARS = jars();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("wechat.quota.enabled", Boolean.class, true)) {
            return;
        }
        check(versions(application.getClassLoader()));
    }

    /** The versions of the Spring Boot jars the starter depends on that {@code loader} sees, by artifact. */
    static Map<String, String> versions(ClassLoader loader) {
        Map<String, String> versions = new LinkedHashMap<>();
        JARS.forEach((artifact, className) -> version(className, loader).ifPresent(v -> versions.put(artifact, v)));
        return versions;
    }

    /**
     * @throws WeChatQuotaConfigurationException naming the Spring Boot version or the mix, when these jar versions
     *                                           cannot work
     */
    static void check(Map<String, String> versions) {
        problem(versions).ifPresent(problem -> {
            throw new WeChatQuotaConfigurationException("Spring Boot version", problem,
                    "Let the Spring Boot BOM (or spring-boot-starter-parent) of one supported version, 3.5.x, 4.0.x "
                            + "or 4.1.x, manage every org.springframework.boot dependency, and use the matching "
                            + "Spring Cloud release train (2025.0.x for 3.5, 2025.1.x for 4.x).",
                    null);
        });
    }

    /**
     * What is wrong with these Spring Boot jar versions (artifact to version, {@code spring-boot} first), if anything.
     */
    static Optional<String> problem(Map<String, String> versions) {
        String boot = versions.get("spring-boot");
        if (boot == null) {
            return Optional.empty();
        }
        int[] line = line(boot);
        if (line[0] < 3 || (line[0] == 3 && line[1] < 5)) {
            return Optional.of("this application runs Spring Boot " + boot + ", and wechat-quota-spring-boot-starter "
                    + "supports Spring Boot 3.5.x, 4.0.x and 4.1.x");
        }
        for (Map.Entry<String, String> jar : versions.entrySet()) {
            if (line(jar.getValue())[0] != line[0]) {
                return Optional.of("the application mixes Spring Boot lines: spring-boot " + boot + " with "
                        + jar.getKey() + " " + jar.getValue());
            }
        }
        return Optional.empty();
    }

    /** Major and minor of a version such as {@code 4.1.2} or {@code 3.5.0-RC1}; unparsable parts count as 0. */
    static int[] line(String version) {
        String[] parts = version.split("[.-]");
        return new int[] {number(parts, 0), number(parts, 1)};
    }

    private static int number(String[] parts, int index) {
        if (index >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[index]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<String> version(String className, ClassLoader loader) {
        if (!ClassUtils.isPresent(className, loader)) {
            return Optional.empty();
        }
        try {
            Package pkg = ClassUtils.forName(className, loader).getPackage();
            return Optional.ofNullable(pkg == null ? null : pkg.getImplementationVersion());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> jars() {
        Map<String, String> jars = new LinkedHashMap<>();
        jars.put("spring-boot", "org.springframework.boot.SpringApplication");
        jars.put("spring-boot-autoconfigure", "org.springframework.boot.autoconfigure.AutoConfiguration");
        jars.put("spring-boot-actuator", "org.springframework.boot.actuate.endpoint.annotation.Endpoint");
        jars.put("spring-boot-actuator-autoconfigure",
                "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint");
        return jars;
    }
}
