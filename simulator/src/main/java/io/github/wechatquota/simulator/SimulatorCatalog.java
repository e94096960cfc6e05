package io.github.wechatquota.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** WeChat's documented default limits per account type, read from the shared catalog file. */
final class SimulatorCatalog {

    static final String RESOURCE = "wechat-api-limits.csv";

    /** A limit of -1 means WeChat documents none. */
    record Entry(String cgiPath, long dailyLimit, long perMinuteLimit) {
    }

    /** Paths the simulator serves itself for every account type; none has a daily limit. */
    private static final Set<String> ADMIN_PATHS = Set.of(
            "/cgi-bin/openapi/quota/get", "/cgi-bin/openapi/quota/clear", "/cgi-bin/openapi/rid/get",
            "/cgi-bin/clear_quota", "/cgi-bin/clear_quota/v2");

    private final Map<AccountType, Map<String, Entry>> entries;

    private SimulatorCatalog(Map<AccountType, Map<String, Entry>> entries) {
        this.entries = entries;
    }

    static SimulatorCatalog load() {
        try (InputStream in = SimulatorCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Catalog resource " + RESOURCE + " is missing from the simulator jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read catalog " + RESOURCE, e);
        }
    }

    private static SimulatorCatalog parse(BufferedReader reader) throws IOException {
        Map<AccountType, Map<String, Entry>> entries = new EnumMap<>(AccountType.class);
        for (AccountType type : AccountType.values()) {
            Map<String, Entry> byPath = new HashMap<>();
            ADMIN_PATHS.forEach(path -> byPath.put(path, new Entry(path, -1, -1)));
            entries.put(type, byPath);
        }
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 5) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": expected 5 columns, got " + cells.length);
            }
            Entry entry = new Entry(cells[1], limit(cells[2]), limit(cells[3]));
            entries.get(AccountType.fromId(cells[0])).put(entry.cgiPath(), entry);
        }
        return new SimulatorCatalog(entries);
    }

    private static long limit(String cell) {
        return cell.isEmpty() ? -1 : Long.parseLong(cell);
    }

    Optional<Entry> find(AccountType type, String cgiPath) {
        return Optional.ofNullable(entries.get(type).get(cgiPath));
    }

    /** Whether some account type has this path: a path no type knows is answered as an invalid URL. */
    boolean knowsAnywhere(String cgiPath) {
        return entries.values().stream().anyMatch(byPath -> byPath.containsKey(cgiPath));
    }
}
