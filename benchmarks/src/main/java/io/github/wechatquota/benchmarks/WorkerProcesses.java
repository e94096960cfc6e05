package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * N {@link AccuracyWorker} processes, each a JVM of its own started from the benchmarks' classpath: started together,
 * told {@code GO} and {@code STOP} on their standard input, their counts read from their standard output. Each one's
 * standard error (the guard's log) goes to a file of its own.
 */
final class WorkerProcesses implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Small heaps and the quick compiler: 16 of them start on two cores. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

    private final List<Process> processes = new ArrayList<>();
    private final List<Writer> inputs = new ArrayList<>();
    private final List<CompletableFuture<Void>> ready = new ArrayList<>();
    private final List<CompletableFuture<JsonNode>> results = new ArrayList<>();
    /** The workers killed: told nothing more, and not waited for. */
    private final List<Integer> killed = new ArrayList<>();

    /**
     * @param workerArgs the arguments of each worker after the main class, one list per process
     * @param logs the directory the workers' standard error is written to
     */
    WorkerProcesses(String classpath, List<List<String>> workerArgs, Path logs, String name) throws IOException {
        Files.createDirectories(logs);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < workerArgs.size(); i++) {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(JVM_OPTIONS);
            command.add("-cp");
            command.add(classpath);
            command.add(AccuracyWorker.class.getName());
            command.addAll(workerArgs.get(i));
            Process process = new ProcessBuilder(command)
                    .redirectError(logs.resolve(name + "-" + i + ".log").toFile())
                    .start();
            processes.add(process);
            inputs.add(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            CompletableFuture<Void> isReady = new CompletableFuture<>();
            CompletableFuture<JsonNode> result = new CompletableFuture<>();
            ready.add(isReady);
            results.add(result);
            Thread reader = new Thread(() -> read(process, isReady, result), "worker-" + i + "-output");
            reader.setDaemon(true);
            reader.start();
        }
    }

    private static void read(Process process, CompletableFuture<Void> isReady, CompletableFuture<JsonNode> result) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals("READY")) {
                    isReady.complete(null);
                } else if (line.startsWith("RESULT ")) {
                    result.complete(JSON.readTree(line.substring("RESULT ".length())));
                }
            }
            IllegalStateException ended = new IllegalStateException("a worker ended without answering (exit code "
                    + process.waitFor() + "; see its log)");
            isReady.completeExceptionally(ended);
            result.completeExceptionally(ended);
        } catch (IOException | InterruptedException e) {
            isReady.completeExceptionally(e);
            result.completeExceptionally(e);
        }
    }

    /** Waits until every worker has synced and waits for {@code GO}. */
    void awaitReady(Duration timeout) throws Exception {
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void go() {
        tell("GO");
    }

    /**
     * Kills worker {@code index} for real ({@code SIGKILL}: no shutdown hook, no {@code close}, its leases not given
     * back), as a crashed instance ends, and waits until it is gone.
     */
    void kill(int index, Duration timeout) throws Exception {
        Process process = processes.get(index);
        killed.add(index);
        process.destroyForcibly();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("worker " + index + " outlived SIGKILL for " + timeout);
        }
    }

    /** Stops every worker not killed and returns what each counted. */
    List<JsonNode> stop(Duration timeout) throws Exception {
        tell("STOP");
        List<JsonNode> counts = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (!killed.contains(i)) {
                counts.add(results.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
        return counts;
    }

    private void tell(String command) {
        for (int i = 0; i < inputs.size(); i++) {
            if (!killed.contains(i)) {
                tell(i, command);
            }
        }
    }

    private void tell(int index, String command) {
        try {
            Writer input = inputs.get(index);
            input.write(command + "\n");
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + index + " is gone", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Writer input : inputs) {
            try {
                input.close(); // a worker still waiting for GO or STOP ends at the end of its input
            } catch (IOException gone) {
                // it has ended already
            }
        }
        for (Process process : processes) {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
