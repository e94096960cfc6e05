package io.github.wechatquota.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Redis, PostgreSQL, MariaDB and command-line tools (promtool) for tests that need the real thing. On CI ({@code CI=true}) a missing service fails the test;
 * elsewhere the test is skipped with a loud message, so that {@code mvn verify} on a laptop still passes.
 */
public final class ExternalServices {

    public static final String REDIS_HOST = "127.0.0.1";
    public static final int REDIS_PORT = 6379;
    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String POSTGRES_USER = "postgres";
    public static final String MARIADB_HOST = "127.0.0.1";
    public static final int MARIADB_PORT = 3306;
    /** Root, with an empty password. */
    public static final String MARIADB_USER = "root";

    private ExternalServices() {
    }

    /** Fails on CI, skips elsewhere, unless Redis answers on 127.0.0.1:6379. */
    public static void requireRedis() {
        require("Redis", REDIS_HOST, REDIS_PORT);
    }

    /** Fails on CI, skips elsewhere, unless PostgreSQL answers on 127.0.0.1:5432. */
    public static void requirePostgres() {
        require("PostgreSQL", "127.0.0.1", 5432);
    }

    /** Fails on CI, skips elsewhere, unless MariaDB (or MySQL) answers on 127.0.0.1:3306. */
    public static void requireMariaDb() {
        require("MariaDB", MARIADB_HOST, MARIADB_PORT);
    }

    /**
     * Fails on CI, skips elsewhere, unless {@code program} is on the {@code PATH}.
     *
     * @param debianPackage the package that brings it, for the message ({@code .ci/run} installs it)
     * @return where it is
     */
    public static Path requireProgram(String program, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return missing(program + " is not on the PATH (Debian package " + debianPackage + ")", "install it");
    }

    private static void require(String service, String host, int port) {
        if (!reachable(host, port)) {
            missing(service + " is not reachable on " + host + ":" + port, "start it");
        }
    }

    private static <T> T missing(String message, String remedy) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return Assertions.fail(message + ": CI must provide it (see the README's test section)");
        }
        System.err.println("\n!!!!!!!! SKIPPED: " + message + "; the tests that need it did not run !!!!!!!!\n");
        return Assumptions.abort(message + "; " + remedy + " to run this test");
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
