package io.github.wechatquota.spring.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles README code blocks as printed with the JDK's compiler against the test classpath, with the options
 * {@code spring-boot-starter-parent} gives a user's build ({@code -parameters}, release 17).
 */
final class ReadmeCompiler {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile(
            "^public (?:final |abstract )?(?:class|interface|record|enum) (\\w+)", Pattern.MULTILINE);

    private ReadmeCompiler() {
    }

    /**
     * Writes each block to the source file its package and public type name it, and compiles them into
     * {@code output}; fails with every error the compiler reports, naming the block.
     */
    static void compile(List<String> blocks, Path output) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String block : blocks) {
            sources.add(write(block, output.resolve("src")));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = Files.createDirectories(output.resolve("classes"));
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-parameters", "-proc:none",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                    .map(diagnostic -> diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": "
                            + diagnostic.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            if (!compiled) {
                throw new AssertionError("The README's Java does not compile as printed:\n" + errors);
            }
        }
    }

    private static Path write(String block, Path sourceRoot) throws IOException {
        Matcher packageName = PACKAGE.matcher(block);
        Matcher typeName = TYPE.matcher(block);
        if (!packageName.find() || !typeName.find()) {
            throw new AssertionError("A README Java block needs a package and a public type to be compiled as "
                    + "printed:\n" + block);
        }
        Path file = sourceRoot.resolve(packageName.group(1).replace('.', '/')).resolve(typeName.group(1) + ".java");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, block);
    }
}
