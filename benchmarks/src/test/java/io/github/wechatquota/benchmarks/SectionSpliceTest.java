package io.github.wechatquota.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SectionSpliceTest {

    private static final String DOC = """
            # Benchmarks

            Measured by `benchmarks/run.sh`, the old opening.

            ## Targets

            | target | measured | met |
            | --- | --- | --- |
            | Core guard fast | 50 ns | yes |
            | Redis store: one round trip | 2.00 | **no** |
            | PostgreSQL store: one transaction | 1.00 | yes |
            | Sync parallel | 8x | yes |

            ## 1. Overhead

            overhead numbers

            ## 2. Shared stores: old

            old store numbers

            ## 3. Sync

            sync numbers

            ## Notes: targets missed, and why

            - **Core guard vs Resilience4j** slower.
            - **Redis: 2.00 round trips** old reason.

            ### The margins, explained

            - **The Spring aspect path** explained.
            - **PostgreSQL, 16 threads:** old margin.

            Not measured here: the rest.
            """;

    private String splice(List<String> missed) {
        return SectionSplice.STORES.splice(DOC, "Measured by `benchmarks/run.sh`, the new opening.",
                "## 2. Shared stores: new\n\nnew store numbers\n\n",
                List.of("| Redis store: one round trip | 1.50 | **no** |", "| MariaDB store: one transaction | 0.90 | yes |"),
                missed, List.of("**MariaDB, 16 threads:** new margin."));
    }

    @Test
    void splice_replacesSectionTwo_keepsTheOtherSections() {
        String doc = splice(List.of());

        assertThat(doc).contains("## 2. Shared stores: new\n\nnew store numbers\n\n## 3. Sync",
                "## 1. Overhead\n\noverhead numbers\n\n", "sync numbers").doesNotContain("old store numbers");
    }

    @Test
    void splice_replacesTheStoresTargetRows_whereTheyStood() {
        String doc = splice(List.of());

        assertThat(doc).contains("| Core guard fast | 50 ns | yes |\n| Redis store: one round trip | 1.50 | **no** |\n"
                + "| MariaDB store: one transaction | 0.90 | yes |\n| Sync parallel | 8x | yes |\n\n## 1.");
    }

    @Test
    void splice_replacesTheStoresNotes_keepsTheOthers() {
        String doc = splice(List.of("**Redis: 1.50 round trips** new reason."));

        assertThat(doc).contains("- **Core guard vs Resilience4j** slower.\n- **Redis: 1.50 round trips** new reason.\n\n"
                + "### The margins, explained\n\n- **The Spring aspect path** explained.\n"
                + "- **MariaDB, 16 threads:** new margin.\n\nNot measured here");
    }

    @Test
    void splice_replacesTheOpening() {
        assertThat(splice(List.of())).contains("the new opening.").doesNotContain("the old opening.");
    }

    @Test
    void accuracySplice_replacesSectionFour_itsTargetRowsAndNotes_keepsTheStores() {
        String before = DOC.replace("## Notes", "## 4. Accuracy: old\n\nold accuracy numbers\n\n## Notes")
                .replace("| Sync parallel | 8x | yes |\n", "| Sync parallel | 8x | yes |\n| Accuracy, drift 0 | 1 45009 | **no** |\n")
                .replace("- **Redis: 2.00 round trips** old reason.\n",
                        "- **Redis: 2.00 round trips** old reason.\n- **Accuracy, drift 0, N = 4: 1 45009.** old.\n");

        String doc = SectionSplice.ACCURACY.splice(before, "Measured by `benchmarks/run.sh`, the new opening.",
                "## 4. Accuracy: new\n\nnew accuracy numbers\n\n", List.of("| Accuracy, drift 0 | 0 45009 | yes |"),
                List.of(), List.of());

        assertThat(doc).contains("## 2. Shared stores: old\n\nold store numbers\n\n## 3. Sync",
                        "## 4. Accuracy: new\n\nnew accuracy numbers\n\n## Notes",
                        "| Sync parallel | 8x | yes |\n| Accuracy, drift 0 | 0 45009 | yes |\n\n",
                        "- **Redis: 2.00 round trips** old reason.\n\n### The margins")
                .doesNotContain("old accuracy numbers", "1 45009");
    }

    @Test
    void scaleSplice_intoAFileWithoutSectionFive_insertsItBeforeTheNotes_withItsTargetRow() {
        String doc = SectionSplice.SCALE.splice(DOC, "Measured by `benchmarks/run.sh`, the new opening.",
                "## 5. A platform's scale: new\n\nscale numbers\n\n",
                List.of("| Platform scale: heap | 240 MB | **no** |"),
                List.of("**Platform scale, heap: 240 MB.** why."), List.of());

        assertThat(doc).contains("## 3. Sync\n\nsync numbers\n\n## 5. A platform's scale: new\n\nscale numbers\n\n"
                        + "## Notes", "| Sync parallel | 8x | yes |\n| Platform scale: heap | 240 MB | **no** |\n",
                "- **Platform scale, heap: 240 MB.** why.")
                .contains("- **Redis: 2.00 round trips** old reason.");
    }
}
