package io.github.wechatquota.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The import graph of core, as docs/architecture.md describes it. */
class ImportGraphTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.wechatquota");

    @Test
    void packagesOfCore_haveNoCycles() {
        slices().matching("io.github.wechatquota.(**)").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void core_knowsNothingOfSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(CORE);
    }

    @Test
    void theEngine_doesNotKnowItsAdapters() {
        noClasses().that().resideInAPackage("io.github.wechatquota.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.wechatquota.invocation..",
                        "io.github.wechatquota.feign..")
                .check(CORE);
    }
}
