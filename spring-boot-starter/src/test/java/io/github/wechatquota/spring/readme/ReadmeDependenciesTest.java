package io.github.wechatquota.spring.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.wechatquota.spring.readme.Pom.Dependency;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What the README promises about dependencies holds for the build: the quick start's versions are the ones built and
 * tested here, the BOM it imports manages every published artifact and the one Bucket4j version, and the starter
 * brings the stores' Bucket4j modules without Lettuce or the PostgreSQL driver.
 */
class ReadmeDependenciesTest {

    private static final Path ROOT = Path.of("..");
    private static final String GROUP = "io.github.wechatquota";

    @Test
    void quickStart_namesTheSpringBootAndSpringCloudVersionsOfTheBuild() throws IOException {
        Pom readme = quickStartPom();
        Pom build = Pom.read(ROOT.resolve("pom.xml"));

        assertThat(readme.parentVersion()).isEqualTo(build.property("spring-boot.version"));
        assertThat(readme.property("spring-cloud.version")).isEqualTo(build.property("spring-cloud.version"));
        assertThat(readme.property("wechat-quota.version")).isEqualTo(build.version());
        assertThat(ReadmeSection.read("## Quick start").text())
                .contains("Spring Boot " + build.property("spring-boot.version"))
                .contains("Spring Cloud " + build.property("spring-cloud.version"));
    }

    @Test
    void quickStartPom_importsTheBom_andAddsEveryStarterTheQuickStartRunsWith() throws IOException {
        Pom readme = quickStartPom();

        assertThat(readme.managedDependencies()).extracting(Dependency::key, Dependency::scope)
                .contains(tuple(GROUP + ":wechat-quota-bom", "import"));
        assertThat(readme.dependencies()).extracting(Dependency::key).containsExactlyInAnyOrder(
                GROUP + ":wechat-quota-spring-boot-starter",
                "org.springframework.boot:spring-boot-starter-web",
                "org.springframework.boot:spring-boot-starter-actuator",
                "org.springframework.cloud:spring-cloud-starter-openfeign");
        assertThat(readme.dependencies()).allSatisfy(dependency -> assertThat(dependency.version())
                .as("%s: versions come from the imported BOMs", dependency.key()).isEmpty());
    }

    @Test
    void bom_managesEveryPublishedArtifactAtTheBuildVersion() throws IOException {
        Pom build = Pom.read(ROOT.resolve("pom.xml"));
        Pom bom = Pom.read(ROOT.resolve("bom/pom.xml"));
        List<String> published = build.modules().stream()
                .filter(Predicate.not(module -> module.equals("bom") || module.startsWith("samples/")
                        || module.equals("benchmarks") || module.endsWith("-tests")))
                .map(module -> readModule(module).artifactId())
                .toList();

        assertThat(bom.artifactId()).isEqualTo("wechat-quota-bom");
        assertThat(bom.version()).isEqualTo(build.version());
        assertThat(bom.managedDependencies()).filteredOn(dependency -> dependency.groupId().equals(GROUP))
                .extracting(Dependency::artifactId).containsExactlyInAnyOrderElementsOf(published);
        assertThat(bom.managedDependencies()).filteredOn(dependency -> dependency.groupId().equals(GROUP))
                .extracting(Dependency::version).containsOnly("${project.version}");
    }

    @Test
    void bom_managesTheBuildsBucket4jModulesAtTheBuildsBucket4jVersion() throws IOException {
        Pom build = Pom.read(ROOT.resolve("pom.xml"));
        Pom bom = Pom.read(ROOT.resolve("bom/pom.xml"));

        assertThat(bom.property("bucket4j.version")).isEqualTo(build.property("bucket4j.version"));
        assertThat(bucket4j(bom)).containsExactlyInAnyOrderElementsOf(bucket4j(build));
    }

    @Test
    void starter_bringsTheStoresBucket4jModules_soRedisUsersAddNothingButTheirClient() throws IOException {
        Pom starter = Pom.read(Path.of("pom.xml"));

        for (String module : List.of("bucket4j_jdk17-lettuce", "bucket4j_jdk17-redisson")) {
            assertThat(starter.dependency(module)).as(module).hasValueSatisfying(dependency -> {
                assertThat(dependency.optional()).as("%s optional", module).isFalse();
                assertThat(dependency.scope()).as("%s scope", module).isIn("", "compile");
            });
        }
    }

    @Test
    void starter_leavesTheRedisClientAndThePostgresDriverToTheApplication() throws IOException {
        Pom starter = Pom.read(Path.of("pom.xml"));

        assertThat(starter.dependency("lettuce-core")).hasValueSatisfying(
                dependency -> assertThat(dependency.optional()).isTrue());
        assertThat(starter.dependency("spring-data-redis")).hasValueSatisfying(
                dependency -> assertThat(dependency.optional()).isTrue());
        assertThat(starter.dependency("redisson")).hasValueSatisfying(
                dependency -> assertThat(dependency.optional()).isTrue());
        assertThat(starter.dependency("postgresql")).hasValueSatisfying(
                dependency -> assertThat(dependency.scope()).isEqualTo("test"));
    }

    private static Pom quickStartPom() throws IOException {
        return Pom.parse(ReadmeSection.read("## Quick start").blocks("xml").get(0));
    }

    private static Pom readModule(String module) {
        try {
            return Pom.read(ROOT.resolve(module).resolve("pom.xml"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read module " + module, e);
        }
    }

    private static List<String> bucket4j(Pom pom) {
        return pom.managedDependencies().stream().filter(dependency -> dependency.groupId().equals("com.bucket4j"))
                .map(dependency -> dependency.artifactId() + "@" + dependency.version()).toList();
    }
}
