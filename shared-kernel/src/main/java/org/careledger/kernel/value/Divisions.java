package org.careledger.kernel.value;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The official division codes and names shipped with CareLedger (resources {@code divisions/},
 * source in {@code divisions/SOURCE.md}): provinces, prefecture-level cities and county-level
 * divisions, keyed by their six-digit code (a province as {@code NN0000}, a city as {@code NNNN00}).
 * Loaded once; immutable.
 */
public final class Divisions {

    private static final Divisions OFFICIAL = load();

    private final Map<String, String> names;

    private Divisions(Map<String, String> names) {
        this.names = Collections.unmodifiableMap(names);
    }

    /** The shipped list. */
    public static Divisions official() {
        return OFFICIAL;
    }

    /** Whether the six-digit code is on the official list. */
    public boolean contains(String sixDigitCode) {
        return names.containsKey(sixDigitCode);
    }

    /**
     * Whether a jurisdiction prefix names a listed division: a province (2 digits), a city (4) or a
     * county-level division (6), as configured policies name the area they apply to.
     */
    public boolean containsJurisdiction(String prefix) {
        return prefix != null && prefix.matches("\\d{2}|\\d{4}|\\d{6}") && contains((prefix + "0000").substring(0, 6));
    }

    /** The official Chinese name of a six-digit code, if listed. */
    public Optional<String> name(String sixDigitCode) {
        return Optional.ofNullable(names.get(sixDigitCode));
    }

    /** Every listed code with its name, in file order (provinces, then cities, then counties). */
    public Map<String, String> all() {
        return names;
    }

    private static Divisions load() {
        Map<String, String> names = new LinkedHashMap<>();
        read("divisions/provinces.csv", names, "0000");
        read("divisions/cities.csv", names, "00");
        read("divisions/areas.csv", names, "");
        return new Divisions(names);
    }

    private static void read(String resource, Map<String, String> into, String padding) {
        try (InputStream in = Divisions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing division list " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] columns = line.split(",", -1);
                String code = columns[0].trim() + padding;
                String name = columns[1].trim().replace("\"", "");
                into.put(code, name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
