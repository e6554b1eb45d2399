package org.careledger.benchmark;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The open-data export of the whole public register (issue 16 §2), one download after another, as
 * CSV and as NDJSON: time to the first byte and to the last, bytes and entries per second. The
 * same-run reference is the same bytes downloaded from {@link BytesServer} (the HTTP stack, the
 * body from memory), so the ratio is the cost of reading and writing the register.
 */
record ExportBench(String serverBase, int repetitions) {

    static final String PATH = "/api/v1/public/institutions/export";
    static final List<String> FORMATS = List.of("csv", "ndjson");

    /** One download: its first byte, its end, its size. */
    private record Download(double firstByteMs, double totalMs, long bytes, long lines) {
    }

    Map<String, Object> run(Deadline deadline) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("repetitions", repetitions);
        m.put("reference", "the same bytes downloaded from a Reactor Netty server in the benchmark process (from memory)");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String format : FORMATS) {
            String uri = PATH + "?format=" + format;
            byte[] captured = client.send(HttpRequest.newBuilder(URI.create(serverBase + uri)).timeout(Duration.ofMinutes(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            Stats server = new Stats(repetitions);
            Stats reference = new Stats(repetitions);
            Stats firstByte = new Stats(repetitions);
            Download last = null;
            try (BytesServer memory = new BytesServer(Map.of(uri, captured))) {
                for (int i = 0; i < repetitions && !deadline.passed(); i++) {
                    last = download(client, serverBase + uri);
                    server.add((long) (last.totalMs() * 1_000_000));
                    firstByte.add((long) (last.firstByteMs() * 1_000_000));
                    reference.add((long) (download(client, memory.baseUrl() + uri).totalMs() * 1_000_000));
                }
            }
            Map<String, Object> one = new LinkedHashMap<>();
            if (last != null) {
                long entries = format.equals("csv") ? last.lines() - 1 : last.lines();
                double p50 = nz(server.percentileMs(50));
                one.put("entries", entries);
                one.put("bytes", last.bytes());
                one.put("firstByteP50Ms", Report.round(nz(firstByte.percentileMs(50)), 1));
                one.put("p50Ms", Report.round(p50, 1));
                one.put("maxMs", Report.round(nz(server.percentileMs(100)), 1));
                one.put("entriesPerSecond", Report.round(entries / (p50 / 1000), 0));
                one.put("megabytesPerSecond", Report.round(last.bytes() / 1e6 / (p50 / 1000), 1));
                one.put("referenceP50Ms", Report.round(nz(reference.percentileMs(50)), 1));
                Report.progress(String.format(Locale.ROOT, "  export %-6s %d entries, %d bytes: p50 %.1f ms (first byte %.1f ms)"
                        + " | from memory p50 %.1f ms", format, entries, last.bytes(), p50, nz(firstByte.percentileMs(50)),
                        nz(reference.percentileMs(50))));
            }
            m.put(format, one);
        }
        return m;
    }

    /** Reads the answer as it arrives, counting lines (NDJSON entries, CSV records: no CSV field here holds a break). */
    private static Download download(HttpClient client, String url) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The export " + url + " answered " + response.statusCode());
        }
        byte[] buffer = new byte[64 * 1024];
        long bytes = 0;
        long lines = 0;
        double firstByte = -1;
        try (InputStream in = response.body()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (firstByte < 0 && n > 0) {
                    firstByte = (System.nanoTime() - start) / 1e6;
                }
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new Download(firstByte, (System.nanoTime() - start) / 1e6, bytes, lines);
    }

    private static double nz(Double d) {
        return d == null ? Double.NaN : d;
    }
}
