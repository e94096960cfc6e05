package io.github.wechatquota.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} of a test's own, on a free port, for what must not be done to the shared Redis: stopping it,
 * pausing it, turning it into a cluster. Without persistence unless asked. Close it in {@code @AfterEach}/{@code @AfterAll}.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final long START_MILLIS = 10_000;

    private final int port;
    private final List<String> command;
    private final Path directory;
    private Process process;

    private RedisServerProcess(int port, Path directory, List<String> command) {
        this.port = port;
        this.directory = directory;
        this.command = command;
    }

    /** Fails on CI, skips loudly elsewhere, unless {@code redis-server} can be run. */
    public static void requireBinary() {
        try {
            Process version = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
            if (version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0) {
                return;
            }
            version.destroyForcibly();
        } catch (IOException e) {
            // not installed: reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String message = "redis-server cannot be run";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + ": CI must provide it (see the README's test section)");
        }
        System.err.println("\n!!!!!!!! SKIPPED: " + message + "; the tests that need it did not run !!!!!!!!\n");
        Assumptions.abort(message + "; install Redis to run this test");
    }

    /** Starts a server on a free port with the given extra arguments (e.g. {@code --appendonly yes}). */
    public static RedisServerProcess start(String... extraArguments) throws IOException, InterruptedException {
        RedisServerProcess server = notStarted(extraArguments);
        server.restart();
        return server;
    }

    /**
     * A server on a free port that is not running yet: its {@link #uri()} refuses connections until
     * {@link #restart()} starts it (an application that starts before its Redis).
     */
    public static RedisServerProcess notStarted(String... extraArguments) throws IOException {
        int port = freePort();
        Path directory = Files.createTempDirectory("wxq-redis-");
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", directory.toString(), "--save", "", "--appendonly", "no"));
        command.addAll(List.of(extraArguments)); // later arguments win
        return new RedisServerProcess(port, directory, command);
    }

    /** Starts a Sentinel watching the master on {@code masterPort} as {@code mymaster}. */
    public static RedisServerProcess startSentinel(int masterPort) throws IOException, InterruptedException {
        int port = freePort();
        Path directory = Files.createTempDirectory("wxq-sentinel-");
        Path configuration = directory.resolve("sentinel.conf"); // Sentinel insists on a file it can rewrite
        Files.writeString(configuration, "sentinel monitor mymaster 127.0.0.1 " + masterPort + " 1\n");
        RedisServerProcess server = new RedisServerProcess(port, directory, List.of("redis-server",
                configuration.toString(), "--sentinel", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", directory.toString()));
        server.restart();
        return server;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again) on its port, with the same directory, and waits until it accepts connections. */
    public void restart() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is running");
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(directory.toFile(), "redis.log")))
                .start();
        long deadline = System.currentTimeMillis() + START_MILLIS;
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited: " + log());
            }
            if (System.currentTimeMillis() > deadline) {
                kill();
                throw new IllegalStateException("redis-server on port " + port + " did not start: " + log());
            }
            Thread.sleep(20);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the server as a crash would (SIGKILL) and waits for it to be gone. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping redis-server on port " + port, e);
        }
    }

    /** Stops the server and removes its directory. */
    @Override
    public void close() throws IOException {
        try {
            kill();
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
