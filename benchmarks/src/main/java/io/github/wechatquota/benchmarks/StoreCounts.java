package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * What a store benchmark did to its server per call (Redis commands, PostgreSQL transactions), over the whole trial,
 * warm-up included. Appended as one JSON line to {@code $WXQ_BENCH_RESULTS/store-counts.jsonl} when that variable is
 * set (benchmarks/run.sh sets it; JMH's forks inherit it), for the report.
 */
final class StoreCounts {

    static final String RESULTS_VARIABLE = "WXQ_BENCH_RESULTS";

    private StoreCounts() {
    }

    static void append(Map<String, Object> line) {
        String directory = System.getenv(RESULTS_VARIABLE);
        if (directory == null || directory.isBlank()) {
            return;
        }
        try {
            Path file = Path.of(directory, "store-counts.jsonl");
            Files.createDirectories(file.getParent());
            Files.writeString(file, new ObjectMapper().writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
