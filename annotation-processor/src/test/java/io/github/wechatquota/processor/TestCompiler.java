package io.github.wechatquota.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles sources held in strings with the JDK's compiler, the processor on, into a directory; the classpath is the
 * tests' own (wechat-quota-core for the annotation, and this module's classes).
 */
final class TestCompiler {

    private final Path output;
    private final List<String> options = new ArrayList<>(List.of("-Xlint:all", "-parameters"));
    private final List<String> classNames = new ArrayList<>();
    private final List<Path> extraClasspath = new ArrayList<>();
    private final List<Processor> otherProcessors = new ArrayList<>();
    private boolean discoverProcessors;
    private boolean processor = true;

    private TestCompiler(Path output) {
        this.output = output;
    }

    /** A compiler writing classes and resources under {@code output}. */
    static TestCompiler into(Path output) {
        return new TestCompiler(output);
    }

    /** Without {@code -parameters}. */
    TestCompiler withoutParameters() {
        options.remove("-parameters");
        return this;
    }

    /** Only annotation processing ({@code -proc:only}), over these classes found on the classpath. */
    TestCompiler processOnly(Path classes, String... names) {
        options.add("-proc:only");
        extraClasspath.add(classes);
        classNames.addAll(Arrays.asList(names));
        return this;
    }

    /** No processor at all. */
    TestCompiler withoutProcessor() {
        processor = false;
        return this;
    }

    /** Runs {@code other} beside the processor. */
    TestCompiler withProcessor(Processor other) {
        otherProcessors.add(other);
        return this;
    }

    /** Finds the processor the way javac does for a user: through the service file on the classpath. */
    TestCompiler discoveringProcessors() {
        discoverProcessors = true;
        return this;
    }

    Result compile(String... sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (String source : sources) {
            units.add(new StringSource(source));
        }
        List<String> arguments = new ArrayList<>(options);
        arguments.addAll(List.of("-d", output.toString(), "-classpath", classpath()));
        if (!processor) {
            arguments.add("-proc:none");
        }
        try (StandardJavaFileManager files = compiler.getStandardFileManager(collector, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, collector, arguments,
                    classNames.isEmpty() ? null : classNames, units);
            if (processor && !discoverProcessors) {
                List<Processor> processors = new ArrayList<>(otherProcessors);
                processors.add(new WeChatApiProcessor());
                task.setProcessors(processors);
            }
            boolean success = task.call();
            return new Result(success, collector.getDiagnostics(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String classpath() {
        List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path")));
        extraClasspath.forEach(path -> entries.add(path.toString()));
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** A source whose file name follows from its package and first type. */
    private static final class StringSource extends SimpleJavaFileObject {
        private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
        private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|record|enum)\\s+(\\w+)");

        private final String code;

        StringSource(String code) {
            super(URI.create("string:///" + path(code)), Kind.SOURCE);
            this.code = code;
        }

        private static String path(String code) {
            Matcher pkg = PACKAGE.matcher(code);
            Matcher type = TYPE.matcher(code);
            if (!type.find()) {
                throw new IllegalArgumentException("no type in " + code);
            }
            return (pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "") + type.group(1) + ".java";
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    /** What a compilation reported and wrote. */
    record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path output) {

        /** The processor's diagnostics, in the order reported. */
        List<Diag> reported() {
            return diagnostics.stream().filter(d -> d.getCode() != null && d.getCode().endsWith(".proc.messager"))
                    .map(Diag::of).toList();
        }

        /** Every diagnostic, the compiler's own included. */
        List<Diag> all() {
            return diagnostics.stream().map(Diag::of).toList();
        }

        /** The processor's only diagnostic. */
        Diag only() {
            assertThat(reported()).as("diagnostics of %s", all()).hasSize(1);
            return reported().get(0);
        }

        Optional<String> index() {
            Path index = output.resolve(ApisIndex.LOCATION);
            try {
                return Files.exists(index) ? Optional.of(Files.readString(index, StandardCharsets.UTF_8))
                        : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * One diagnostic: its kind, message, file (simple name, null when none), line, and the source text it points at
     * (from its preferred position to the end of that token).
     */
    record Diag(Diagnostic.Kind kind, String message, String file, long line, String at) {

        static Diag of(Diagnostic<? extends JavaFileObject> diagnostic) {
            JavaFileObject source = diagnostic.getSource();
            String file = source == null ? null : Path.of(source.getName()).getFileName().toString();
            String at = null;
            if (source != null && diagnostic.getPosition() != Diagnostic.NOPOS) {
                try {
                    at = token(source.getCharContent(true).toString(), (int) diagnostic.getPosition());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new Diag(diagnostic.getKind(), diagnostic.getMessage(Locale.ROOT), file,
                    diagnostic.getLineNumber(), at);
        }

        /** The string literal, name, number or annotation starting at {@code position}. */
        private static String token(String code, int position) {
            int end = position;
            if (code.charAt(position) == '"') {
                end = code.indexOf('"', position + 1) + 1;
            } else {
                end++;
                while (end < code.length() && (Character.isJavaIdentifierPart(code.charAt(end))
                        || code.charAt(end) == '.')) {
                    end++;
                }
            }
            return code.substring(position, end);
        }
    }
}
