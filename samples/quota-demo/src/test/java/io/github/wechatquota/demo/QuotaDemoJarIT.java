package io.github.wechatquota.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The README's command on the packaged jar: {@code java -jar target/quota-demo.jar --demo.exit=true}. */
class QuotaDemoJarIT {

    static final Path JAR = Path.of("target", "quota-demo.jar");

    @Test
    void jar_carriesTheProcessorsIndex() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            // Spring Boot keeps META-INF at the top of the jar, where the application's class loader finds it too.
            assertThat(jar.getEntry("META-INF/wechat-quota/apis.json")).isNotNull();
            assertThat(jar.getEntry("BOOT-INF/lib/wechat-quota-simulator-0.1.0-SNAPSHOT.jar")).isNotNull();
            assertThat(jar.stream().map(entry -> entry.getName()))
                    .noneMatch(name -> name.contains("wechat-quota-annotation-processor"));
        }
    }

    @Test
    void jar_withDemoExit_playsTheScenarioAndExitsWithZero() throws Exception {
        Path log = Files.createTempFile("quota-demo", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--demo.exit=true", "--server.port=0")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeAll(List.of("WECHAT_API_BASE_URL", "WX_APPID", "WX_SECRET"));

        Process demo = builder.start();
        boolean exited = demo.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            demo.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);

        assertThat(exited).as(output).isTrue();
        assertThat(demo.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("wechat-quota guards 4 @WeChatApi method(s) found in the annotation processor's index")
                .containsPattern("create QR code #3 +-> clear_quota ok, then WeChat ok")
                .contains("(5) The quotas as the guard sees them")
                .contains("demo.exit=true: exiting.");
    }
}
