package io.github.wechatquota.spring.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every relative link of the README and the docs leads to a file of the repository, and every {@code #anchor} to a
 * heading of its page: a user's clone has nothing outside the repository.
 */
class ReadmeLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    static Stream<Path> pages() throws IOException {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            return Stream.concat(Stream.of(ROOT.resolve("README.md")),
                    docs.filter(file -> file.toString().endsWith(".md")).toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("pages")
    void relativeLinks_leadToFilesAndHeadingsInsideTheRepository(Path page) throws IOException {
        List<String> broken = new ArrayList<>();
        for (String link : links(Files.readString(page))) {
            if (link.matches("^[a-z]+:.*")) {
                continue; // https:, mailto:
            }
            int hash = link.indexOf('#');
            String file = hash < 0 ? link : link.substring(0, hash);
            Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
            if (!target.startsWith(ROOT) || !Files.exists(target)) {
                broken.add(link + " (no such file in the repository)");
            } else if (hash >= 0 && target.toString().endsWith(".md")
                    && !anchors(Files.readString(target)).contains(link.substring(hash + 1))) {
                broken.add(link + " (no such heading)");
            }
        }

        assertThat(broken).as("broken links in %s", ROOT.relativize(page)).isEmpty();
    }

    private static List<String> links(String markdown) {
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(withoutCodeBlocks(markdown));
        while (matcher.find()) {
            links.add(matcher.group(1));
        }
        return links;
    }

    /** GitHub's anchors: headings lower-cased, punctuation dropped, spaces turned into hyphens. */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        for (String line : withoutCodeBlocks(markdown).split("\n")) {
            if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static String withoutCodeBlocks(String markdown) {
        StringBuilder text = new StringBuilder();
        boolean inBlock = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
            } else if (!inBlock) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }
}
