package io.github.wechatquota.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * WeChat's documented default limits, one {@link CatalogEntry} per (account type, cgi_path). Immutable and safe to
 * share between threads.
 *
 * <p>These figures are the last resort: the daily limit synced from getApiQuota wins, then configuration and the
 * annotation. WeChat raises limits as an account grows, so a catalog figure is usually lower than the real one.
 *
 * <pre>{@code
 * QuotaCatalog catalog = QuotaCatalog.builtIn()
 *         .withOverrides(List.of(CatalogEntry.builder(AccountType.OFFICIAL_ACCOUNT, "/cgi-bin/menu/create")
 *                 .dailyLimit(500).build()));
 * OptionalLong limit = catalog.find(AccountType.OFFICIAL_ACCOUNT, "/cgi-bin/message/custom/send")
 *         .map(CatalogEntry::dailyLimit).orElseThrow();            // 500000
 * }</pre>
 *
 * <h2>Format</h2>
 * UTF-8 CSV, one entry per line: {@code account_type,cgi_path,daily_limit,per_minute_limit,name}, e.g.
 * {@code official-account,/cgi-bin/menu/create,1000,,create custom menu}. An empty limit means WeChat documents none.
 * Blank lines and lines starting with {@code #} are skipped. Exactly five cells (the name cannot contain a comma), an
 * {@link AccountType#id() account type id}, a valid {@link CgiPath cgi_path}, and each (account type, cgi_path) once.
 */
public final class QuotaCatalog {

    /** The built-in catalog, relative to this class's package. */
    static final String RESOURCE = "wechat-api-limits.csv";

    private static final String COLUMNS = "account_type,cgi_path,daily_limit,per_minute_limit,name";

    private final List<CatalogEntry> entries;
    private final Map<AccountType, Map<String, CatalogEntry>> byType;
    private final Set<String> paths;

    private QuotaCatalog(Collection<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<AccountType, Map<String, CatalogEntry>> index = new EnumMap<>(AccountType.class);
        Set<String> allPaths = new HashSet<>();
        for (AccountType type : AccountType.values()) {
            Map<String, CatalogEntry> byPath = new HashMap<>();
            for (CatalogEntry entry : this.entries) {
                if (entry.accountType() == type) {
                    byPath.put(entry.cgiPath(), entry);
                    allPaths.add(entry.cgiPath());
                }
            }
            index.put(type, Map.copyOf(byPath));
        }
        this.byType = index;
        this.paths = Set.copyOf(allPaths);
    }

    /**
     * The catalog shipped in wechat-quota-core's jar ({@code io/github/wechatquota/catalog/wechat-api-limits.csv}),
     * read afresh on every call: keep the result rather than calling this per request.
     *
     * @throws IllegalStateException when the resource is missing or malformed (the message gives the line)
     */
    public static QuotaCatalog builtIn() {
        return fromResource(RESOURCE);
    }

    /** Reads a catalog resource relative to this class's package; {@link #builtIn()} with a name, for tests. */
    static QuotaCatalog fromResource(String resource) {
        String location = QuotaCatalog.class.getPackageName().replace('.', '/') + "/" + resource;
        try (InputStream in = QuotaCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The built-in catalog " + location
                        + " is missing from the classpath: wechat-quota-core's jar is incomplete or was repackaged"
                        + " without its resources");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The built-in catalog " + location + " is malformed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the built-in catalog " + location, e);
        }
    }

    /**
     * Reads a catalog in the {@linkplain QuotaCatalog format} of the built-in one. Does not close {@code csv}.
     *
     * @throws IOException when {@code csv} cannot be read
     * @throws IllegalArgumentException when a line is malformed; the message starts with {@code line N:} and says what
     *     is wrong with which cell
     */
    public static QuotaCatalog parse(Reader csv) throws IOException {
        Objects.requireNonNull(csv, "csv");
        BufferedReader reader = csv instanceof BufferedReader buffered ? buffered : new BufferedReader(csv);
        Map<Key, CatalogEntry> entries = new LinkedHashMap<>();
        Map<Key, Integer> lineOf = new HashMap<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            CatalogEntry entry = parseLine(line, number);
            Key key = Key.of(entry);
            Integer first = lineOf.putIfAbsent(key, number);
            if (first != null) {
                throw malformed(number, entry.accountType().id() + " " + entry.cgiPath() + " is already listed on line "
                        + first + ": keep one line per account type and cgi_path");
            }
            entries.put(key, entry);
        }
        return new QuotaCatalog(entries.values());
    }

    private static CatalogEntry parseLine(String line, int number) {
        String[] cells = line.split(",", -1);
        if (cells.length != 5) {
            throw malformed(number, "expected 5 cells (" + COLUMNS + "), found " + cells.length
                    + (cells.length > 5 ? " (a name cannot contain a comma)" : ""));
        }
        AccountType type;
        try {
            type = AccountType.fromId(cells[0]);
        } catch (IllegalArgumentException e) {
            throw malformed(number, e.getMessage());
        }
        Optional<String> pathProblem = CgiPath.problem(cells[1]);
        if (pathProblem.isPresent()) {
            throw malformed(number, pathProblem.get());
        }
        CatalogEntry.Builder entry = CatalogEntry.builder(type, cells[1]).name(cells[4].strip());
        limit(cells[2], "daily_limit", number).ifPresent(entry::dailyLimit);
        limit(cells[3], "per_minute_limit", number).ifPresent(entry::perMinuteLimit);
        return entry.build();
    }

    /** An empty cell: WeChat documents no limit. */
    private static OptionalLong limit(String cell, String column, int number) {
        if (cell.isEmpty()) {
            return OptionalLong.empty();
        }
        long value;
        try {
            value = Long.parseLong(cell);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0) {
            throw malformed(number, column + " '" + cell
                    + "' is not a whole number of 0 or more: write the count, or leave it empty when WeChat documents"
                    + " no limit");
        }
        return OptionalLong.of(value);
    }

    private static IllegalArgumentException malformed(int number, String problem) {
        return new IllegalArgumentException("line " + number + ": " + problem);
    }

    /** The figures for {@code cgiPath} on an account of {@code type}, or empty when the catalog has none. */
    public Optional<CatalogEntry> find(AccountType type, String cgiPath) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cgiPath, "cgiPath");
        return Optional.ofNullable(byType.get(type).get(cgiPath));
    }

    /** Whether the catalog has {@code cgiPath} for any account type. */
    public boolean knows(String cgiPath) {
        Objects.requireNonNull(cgiPath, "cgiPath");
        return paths.contains(cgiPath);
    }

    /**
     * A new catalog with {@code overrides} added; an override replaces the entry of the same (account type, cgi_path)
     * in its place, others are appended in the given order. This catalog is unchanged.
     *
     * @throws IllegalArgumentException when {@code overrides} names one (account type, cgi_path) twice
     */
    public QuotaCatalog withOverrides(Collection<CatalogEntry> overrides) {
        Objects.requireNonNull(overrides, "overrides");
        Map<Key, CatalogEntry> merged = new LinkedHashMap<>();
        entries.forEach(entry -> merged.put(Key.of(entry), entry));
        Set<Key> overridden = new HashSet<>();
        for (CatalogEntry override : overrides) {
            Objects.requireNonNull(override, "overrides contains null");
            Key key = Key.of(override);
            if (!overridden.add(key)) {
                throw new IllegalArgumentException("overrides name " + key.type().id() + " " + key.cgiPath()
                        + " twice: give one entry per account type and cgi_path");
            }
            merged.put(key, override);
        }
        return new QuotaCatalog(merged.values());
    }

    /** Every entry, in file order followed by added overrides; unmodifiable. */
    public List<CatalogEntry> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return "QuotaCatalog[" + entries.size() + " entries]";
    }

    private record Key(AccountType type, String cgiPath) {
        static Key of(CatalogEntry entry) {
            return new Key(entry.accountType(), entry.cgiPath());
        }
    }
}
