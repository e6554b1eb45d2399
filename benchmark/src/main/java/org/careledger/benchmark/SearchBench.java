package org.careledger.benchmark;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Public white-list search at a fixed concurrency (closed loop: each of N clients sends its next
 * request when the previous answer arrived), for three typical query kinds and for the public
 * search page rendering the filter queries (with the API answering them at the page's size as its
 * same-run reference), each next to the same requests answered with the captured bytes by
 * {@link BytesServer}.
 */
final class SearchBench {

    static final String PATH = "/api/v1/public/institutions";
    /** The public search page and the number of results it shows at once. */
    static final String PAGE_PATH = "/";
    static final int PAGE_SIZE = 10;

    record Workload(String name, String description, List<String> uris) {
    }

    record LoadResult(long requests, double seconds, Stats latency, long errors) {

        double rps() {
            return seconds > 0 ? requests / seconds : 0;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", requests);
            m.put("seconds", Report.round(seconds, 2));
            m.put("requestsPerSecond", Report.round(rps(), 1));
            m.put("p50Ms", Report.round(latency.percentileMs(50), 2));
            m.put("p99Ms", Report.round(latency.percentileMs(99), 2));
            m.put("meanMs", Report.round(latency.meanMs(), 2));
            m.put("errors", errors);
            return m;
        }
    }

    static List<Workload> workloads(RegionPlan plan, long seed) {
        Random random = new Random(seed + 1);
        String[] classTypes = {"INFANT", "YOUNG_TODDLER", "OLDER_TODDLER", "MIXED"};
        List<String> filters = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            RegionPlan.Division d = RegionPlan.DIVISIONS.get(i % RegionPlan.DIVISIONS.size());
            String division = i % 3 == 0 ? d.city() : d.code();
            filters.add(PATH + "?division=" + division + "&puhui=true&classType=" + classTypes[i % classTypes.length]);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < RegionPlan.NAME_WORDS.size(); i++) {
            String q = URLEncoder.encode(RegionPlan.NAME_WORDS.get(i), StandardCharsets.UTF_8);
            names.add(i % 2 == 0 ? PATH + "?q=" + q
                    : PATH + "?q=" + q + "&division=" + RegionPlan.DIVISIONS.get(i % RegionPlan.DIVISIONS.size()).city());
        }
        List<String> near = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            RegionPlan.InstitutionPlan p = plan.institutions.get(random.nextInt(plan.institutions.size()));
            double lat = p.lat() + (random.nextDouble() - 0.5) * 0.02;
            double lng = p.lng() + (random.nextDouble() - 0.5) * 0.02;
            near.add(PATH + String.format(Locale.ROOT, "?near=%.4f,%.4f&radiusKm=5", lat, lng));
        }
        // the public search page (server-rendered HTML, 10 results a page) next to the API answering
        // the same filters with a page of the same size
        List<String> pages = new ArrayList<>();
        List<String> pageSized = new ArrayList<>();
        for (String f : filters) {
            String query = f.substring(PATH.length() + 1);
            pages.add(PAGE_PATH + "?" + query);
            pageSized.add(f + "&size=" + PAGE_SIZE);
        }
        return List.of(
                new Workload("filter", "division + puhui=true + classType", filters),
                new Workload("filter-size10", "the filter queries, " + PAGE_SIZE + " a page (the API next to the page)",
                        pageSized),
                new Workload("page", "GET / (the public search page, HTML) with the filter queries", pages),
                new Workload("name", "q=<word of the names> (half of them within a city)", names),
                new Workload("near", "near=lat,lng within 5 km", near));
    }

    private final String serverBase;
    private final Options options;

    SearchBench(String serverBase, Options options) {
        this.serverBase = serverBase;
        this.options = options;
    }

    Map<String, Object> run(List<Workload> workloads, Deadline deadline) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("concurrency", options.searchConcurrency);
        m.put("warmupSeconds", options.searchWarmup.toMillis() / 1000.0);
        m.put("measuredSeconds", options.searchDuration.toMillis() / 1000.0);
        m.put("reference", "the same request URIs answered from memory with the captured bytes by a Reactor Netty"
                + " server in the benchmark process (the HTTP stack under Spring WebFlux)");
        Map<String, Object> each = new LinkedHashMap<>();
        HttpClient capture = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (Workload w : workloads) {
            Map<String, byte[]> answers = new HashMap<>();
            long items = 0;
            long totals = 0;
            long bytes = 0;
            for (String uri : w.uris()) {
                HttpResponse<byte[]> r = capture.send(HttpRequest.newBuilder(URI.create(serverBase + uri))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("Search " + uri + " answered " + r.statusCode() + ": "
                            + new String(r.body(), StandardCharsets.UTF_8));
                }
                answers.put(uri, r.body());
                if (uri.startsWith(PATH)) {
                    JsonNode page = Api.JSON.readTree(r.body());
                    items += page.path("items").size();
                    totals += page.path("total").asLong();
                } else {
                    String html = new String(r.body(), StandardCharsets.UTF_8);
                    items += html.split("<li class=\"card\">", -1).length - 1;
                    java.util.regex.Matcher total = java.util.regex.Pattern.compile("共找到 (\\d+) 家机构").matcher(html);
                    totals += total.find() ? Long.parseLong(total.group(1)) : 0;
                }
                bytes += r.body().length;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("queries", w.description());
            one.put("distinctRequests", w.uris().size());
            one.put("meanItemsPerAnswer", Report.round((double) items / w.uris().size(), 1));
            one.put("meanMatches", Report.round((double) totals / w.uris().size(), 1));
            one.put("meanAnswerBytes", Report.round((double) bytes / w.uris().size(), 0));
            LoadResult server = load(serverBase, w.uris(), deadline);
            LoadResult reference;
            try (BytesServer memory = new BytesServer(answers)) {
                reference = load(memory.baseUrl(), w.uris(), deadline);
            }
            one.put("server", server.toMap());
            one.put("inMemoryReference", reference.toMap());
            each.put(w.name(), one);
            Report.progress(String.format(Locale.ROOT, "  search %-7s %8.0f rps p50 %6.1f ms p99 %6.1f ms | in memory %8.0f rps p99 %5.1f ms",
                    w.name(), server.rps(), nz(server.latency().percentileMs(50)), nz(server.latency().percentileMs(99)),
                    reference.rps(), nz(reference.latency().percentileMs(99))));
        }
        m.put("workloads", each);
        return m;
    }

    private static double nz(Double d) {
        return d == null ? Double.NaN : d;
    }

    /** Closed loop: warm-up, then the measured window; every client stops at the window's end. */
    LoadResult load(String base, List<String> uris, Deadline deadline) throws Exception {
        return load(List.of(base), uris, deadline);
    }

    /** The same closed loop spread over several servers: client i sends to server i mod n. */
    LoadResult load(List<String> bases, List<String> uris, Deadline deadline) throws Exception {
        if (deadline.passed()) {
            return new LoadResult(0, 0, new Stats(1), 0);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<List<HttpRequest>> perServer = bases.stream().map(base -> uris.stream()
                .map(u -> HttpRequest.newBuilder(URI.create(base + u)).timeout(Duration.ofSeconds(30)).GET().build()).toList())
                .toList();
        ClosedLoop.Result r = ClosedLoop.run(options.searchConcurrency, options.searchWarmup, options.searchDuration, deadline,
                "search", index -> {
                    List<HttpRequest> requests = perServer.get(index % perServer.size());
                    int[] next = {index * 7};
                    return () -> client.send(requests.get(next[0]++ % requests.size()), HttpResponse.BodyHandlers.ofByteArray())
                            .statusCode() == 200 ? 200 : 500;
                });
        return new LoadResult(r.ok(), r.seconds(), r.latency(), r.conflicts() + r.errors());
    }
}
