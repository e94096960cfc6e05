package io.github.wechatquota.spring.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One {@code ## } section of the README, and the fenced code blocks in it, as printed. */
record ReadmeSection(String heading, String text) {

    private static final Path README = Path.of("../README.md");

    /** The section whose heading starts with {@code heading}, up to the next {@code ## } heading. */
    static ReadmeSection read(String heading) throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n" + heading);
        if (start < 0) {
            throw new IllegalStateException("README.md has no section '" + heading + "'");
        }
        int end = readme.indexOf("\n## ", start + 1);
        return new ReadmeSection(heading, readme.substring(start, end < 0 ? readme.length() : end));
    }

    /** The contents of every block fenced as {@code ```language}, in order. */
    List<String> blocks(String language) {
        List<String> blocks = new ArrayList<>();
        String fence = "```" + language + "\n";
        for (int open = text.indexOf(fence); open >= 0; open = text.indexOf(fence, open + 1)) {
            int from = open + fence.length();
            blocks.add(text.substring(from, text.indexOf("\n```", from) + 1));
        }
        if (blocks.isEmpty()) {
            throw new IllegalStateException("README section '" + heading + "' has no " + language + " block");
        }
        return blocks;
    }
}
