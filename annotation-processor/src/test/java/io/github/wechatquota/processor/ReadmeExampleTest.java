package io.github.wechatquota.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's processor examples, compiled here: the README must show what the processor really prints and writes. */
class ReadmeExampleTest {

    private static final Path README = Path.of("../README.md");

    @TempDir
    Path out;

    @Test
    void readme_showsTheErrorMavenPrintsForAHostPrefix() throws IOException {
        List<String> blocks = blocksAfter("<!-- processor:error-example");
        TestCompiler.Result result = TestCompiler.into(out).compile(blocks.get(0));

        Diagnostic<? extends JavaFileObject> error = result.diagnostics().get(0);
        assertThat(result.diagnostics()).hasSize(1);
        // maven-compiler-plugin prints javac's diagnostics as file:[line,column] message.
        assertThat(blocks.get(1)).isEqualTo("[ERROR] /.../src/main/java/com/example/WeChatClient.java:["
                + error.getLineNumber() + "," + error.getColumnNumber() + "] " + error.getMessage(Locale.ROOT) + "\n");
    }

    @Test
    void readme_showsTheIndexOfItsExample() throws IOException {
        List<String> blocks = blocksAfter("<!-- processor:index-example");
        TestCompiler.Result result = TestCompiler.into(out).compile(blocks.get(0));

        assertThat(result.all()).isEmpty();
        assertThat(result.index()).hasValue(blocks.get(1));
    }

    /** The contents of the two fenced blocks that follow {@code marker} in the README. */
    private static List<String> blocksAfter(String marker) throws IOException {
        String readme = Files.readString(README);
        int at = readme.indexOf(marker);
        assertThat(at).as("README marker %s", marker).isNotNegative();
        String first = block(readme, at);
        String second = block(readme, readme.indexOf("```", readme.indexOf("```", at) + 3) + 3);
        return List.of(first, second);
    }

    /** The content of the first fenced block at or after {@code from}. */
    private static String block(String readme, int from) {
        int open = readme.indexOf("```", from);
        int start = readme.indexOf('\n', open) + 1;
        int close = readme.indexOf("```", start);
        return readme.substring(start, close);
    }
}
