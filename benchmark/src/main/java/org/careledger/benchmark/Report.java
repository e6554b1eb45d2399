package org.careledger.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The results: the table of figures next to their references, the sections behind it, the files. */
final class Report {

    /** The sections every results file has (the smoke test checks them). */
    static final List<String> SECTIONS = List.of("run", "machine", "region", "ingest", "projections", "search", "scaleOut", "inspector",
            "memory", "storage", "table");

    private static final long STARTED = System.nanoTime();

    /** One line of the table; in the results file's {@code table} as it is, the verdict named {@code met}. */
    record Row(String workload, String figure, String reference, String ratio, String target,
               @JsonProperty("met") String verdict) {
    }

    final Map<String, Object> sections = new LinkedHashMap<>();
    final List<Row> rows = new ArrayList<>();

    static void progress(String line) {
        System.out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, line);
        System.out.flush();
    }

    static Double round(Double value, int digits) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        double f = Math.pow(10, digits);
        return Math.round(value * f) / f;
    }

    static String num(Object value) {
        if (value == null) {
            return "n/a";
        }
        double d = ((Number) value).doubleValue();
        if (Math.abs(d) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String ratio(Object figure, Object reference) {
        if (figure == null || reference == null || ((Number) reference).doubleValue() == 0) {
            return "n/a";
        }
        double percent = 100 * ((Number) figure).doubleValue() / ((Number) reference).doubleValue();
        return String.format(Locale.ROOT, percent < 10 ? "%.1f%%" : "%.0f%%", percent);
    }

    void add(String workload, String figure, String reference, String ratio, String target, String verdict) {
        rows.add(new Row(workload, figure, reference, ratio, target, verdict));
    }

    String table() {
        String[] headers = {"workload", "figure", "same-run reference", "ratio", "target", "met"};
        int[] widths = new int[headers.length];
        List<String[]> cells = new ArrayList<>();
        cells.add(headers);
        rows.forEach(r -> cells.add(new String[] {r.workload(), r.figure(), r.reference(), r.ratio(), r.target(), r.verdict()}));
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                widths[i] = Math.max(widths[i], c[i].codePointCount(0, c[i].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            String[] c = cells.get(r);
            sb.append('|');
            for (int i = 0; i < c.length; i++) {
                sb.append(' ').append(c[i]).append(" ".repeat(widths[i] - c[i].codePointCount(0, c[i].length()))).append(" |");
            }
            sb.append('\n');
            if (r == 0) {
                sb.append('|');
                for (int w : widths) {
                    sb.append(' ').append("-".repeat(w)).append(" |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Writes results-&lt;time&gt;.json and .md; answers the JSON file. */
    Path write(Path dir, Instant startedAt) throws IOException {
        Files.createDirectories(dir);
        String stamp = startedAt.toString().replace(":", "").replaceAll("\\.\\d+", "");
        sections.put("table", List.copyOf(rows));
        Path json = dir.resolve("results-" + stamp + ".json");
        Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), sections);
        Files.writeString(dir.resolve("results-" + stamp + ".md"), markdown(), StandardCharsets.UTF_8);
        return json;
    }

    @SuppressWarnings("unchecked")
    String markdown() {
        StringBuilder sb = new StringBuilder("# CareLedger benchmark results\n\n");
        Map<String, Object> run = (Map<String, Object>) sections.get("run");
        Map<String, Object> region = (Map<String, Object>) sections.get("region");
        if (run != null) {
            sb.append("Run ").append(run.get("startedAt")).append(", ").append(run.get("seconds")).append(" s");
            if (run.get("label") != null && !run.get("label").toString().isBlank()) {
                sb.append(" — ").append(run.get("label"));
            }
            sb.append(".\n");
        }
        if (region != null) {
            sb.append("Region: ").append(region.get("institutions")).append(" institutions, ").append(region.get("children"))
                    .append(" children, ").append(region.get("days")).append(" days of attendance; ")
                    .append(region.get("events")).append(" events.\n");
        }
        sb.append("\n").append(table()).append("\n## Machine\n\n");
        Map<String, Object> machine = (Map<String, Object>) sections.get("machine");
        if (machine != null) {
            machine.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        }
        sb.append("\n## Details\n\n```json\n");
        try {
            Map<String, Object> details = new LinkedHashMap<>(sections);
            details.remove("table");
            details.remove("machine");
            sb.append(Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(details));
        } catch (IOException e) {
            sb.append(e);
        }
        sb.append("\n```\n");
        return sb.toString();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
