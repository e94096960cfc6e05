package io.github.wechatquota.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Testing with wechat-quota-test" prints exactly the files this module compiles and runs (on Boot 3.5
 * here, on Boot 4.1 in boot4-tests), and names the artifact the BOM manages.
 */
class ReadmeTestingSectionTest {

    private static final Path README = Path.of("../README.md");
    private static final Path EXAMPLE = Path.of("src/test/readme/java/com/example/wechat");

    @Test
    void javaBlocks_areTheCompiledApplicationServiceAndTest() throws IOException {
        List<String> expected = new ArrayList<>();
        for (String file : List.of("MenuApplication.java", "MenuService.java", "MenuServiceTest.java")) {
            expected.add(Files.readString(EXAMPLE.resolve(file)));
        }

        assertThat(blocks("java")).containsExactlyElementsOf(expected);
    }

    @Test
    void dependencySnippet_namesThisArtifact_whichTheBomManages() throws IOException {
        assertThat(blocks("xml").get(0)).contains("<artifactId>wechat-quota-test</artifactId>")
                .contains("<scope>test</scope>");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<artifactId>wechat-quota-test</artifactId>");
        assertThat(Files.readString(Path.of("../bom/pom.xml"))).contains("<artifactId>wechat-quota-test</artifactId>");
    }

    /** The fenced blocks of one language in the section, in order. */
    private static List<String> blocks(String language) throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n## Testing with wechat-quota-test");
        assertThat(start).as("README section 'Testing with wechat-quota-test'").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end);
        List<String> blocks = new ArrayList<>();
        String fence = "```" + language + "\n";
        for (int at = section.indexOf(fence); at >= 0; at = section.indexOf(fence, at + 1)) {
            int from = at + fence.length();
            blocks.add(section.substring(from, section.indexOf("```\n", from)));
        }
        return blocks;
    }
}
