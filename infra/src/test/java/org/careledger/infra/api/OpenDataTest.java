package org.careledger.infra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.PoisonEvents;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.kernel.value.InputRules;
import org.careledger.query.progress.ProjectionProgress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Open data (issue 16 §2): the export of the whole register, the change feed and the register as
 * of a date, over histories written straight into the event store with past timestamps.
 */
class OpenDataTest extends IntegrationTest {

    private static final String REGISTER = "public-register";
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    /** Noon in Asia/Shanghai, {@code daysAgo} days before today there. */
    static Instant noon(int daysAgo) {
        return LocalDate.now(InputRules.ZONE).minusDays(daysAgo).atTime(LocalTime.NOON).atZone(InputRules.ZONE).toInstant();
    }

    static String day(int daysAgo) {
        return LocalDate.now(InputRules.ZONE).minusDays(daysAgo).toString();
    }

    /**
     * Waits until the white-list and the register have handled the position (a thousand
     * institutions take the white-list's MongoDB writes a while on a busy machine).
     */
    void awaitProjected(long position) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (String processor : List.of("white-list", REGISTER)) {
            while (true) {
                try {
                    progress.await(processor, position).block(Duration.ofSeconds(10));
                    break;
                } catch (RuntimeException e) {
                    assertThat(System.nanoTime()).as(processor + " did not reach " + position + " within " + WAIT)
                            .isLessThan(deadline);
                }
            }
        }
    }

    /** A thousand institutions, some with names a CSV writer must quote or a spreadsheet would run. */
    @Test
    void theExportStreamsTheWholeRegisterAsCsvAndNdjson() throws Exception {
        RegisterSeed seed = new RegisterSeed(jdbc, serializer);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            String id = UUID.randomUUID().toString();
            String name = switch (i % 4) {
                case 0 -> "导出" + run + "号" + i + "托育中心";
                case 1 -> "导出" + run + ",\"星星\"" + i + "托育";
                case 2 -> "=导出" + run + "+" + i;
                default -> "导出" + run + "\n第" + i + "家";
            };
            seed.submitted(id, name, noon(3));
            names.put(seed.approved(id, noon(3)), name);
        }
        awaitProjected(seed.write());

        // the live export answers from the white-list's memory, which may take a refresh to hold
        // every entry its projection wrote (a write retried after a store timeout hands none over)
        EntityExchangeResult<byte[]> csv = export("format=csv");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (parseCsv(new String(csv.getResponseBody(), StandardCharsets.UTF_8)).stream()
                .filter(r -> names.containsKey(r.get(0))).count() < names.size()) {
            assertThat(System.nanoTime()).as("the white-list never held all the institutions").isLessThan(deadline);
            Thread.sleep(2000);
            csv = export("format=csv");
        }
        assertThat(csv.getResponseHeaders().getContentType().toString()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getResponseHeaders().getContentDisposition().getFilename())
                .isEqualTo("careledger-register-" + LocalDate.now(InputRules.ZONE) + ".csv");
        byte[] body = csv.getResponseBody();
        assertThat(Arrays.copyOf(body, 3)).isNotEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        List<List<String>> records = parseCsv(new String(body, StandardCharsets.UTF_8));
        List<String> header = records.get(0);
        assertThat(header).containsExactly("filingNumber", "name", "status", "statusChangedAt", "institutionType",
                "division", "address", "latitude", "longitude", "creditCode", "puhui", "puhuiSince", "serviceTypes",
                "classTypes", "totalPlaces", "vacancies", "classes", "fees", "filedAt", "lastChangedAt",
                "certificateNumber", "medicalAgreementPartner", "latestInspectionOn", "latestInspectionOutcome");
        Map<String, List<String>> byNumber = new LinkedHashMap<>();
        for (List<String> record : records.subList(1, records.size())) {
            assertThat(record).hasSize(header.size());
            assertThat(byNumber.put(record.get(0), record)).as("filing number %s twice", record.get(0)).isNull();
        }
        assertThat(records.size() - 1).isGreaterThanOrEqualTo(1000);
        names.forEach((number, name) -> {
            List<String> record = byNumber.get(number);
            assertThat(record).as(number).isNotNull();
            // a name a spreadsheet would take for a formula is kept as text
            assertThat(record.get(1)).isEqualTo(name.startsWith("=") ? "'" + name : name);
            assertThat(record.get(2)).isEqualTo("FILED");
            assertThat(record.get(5)).isEqualTo(RegisterSeed.DIVISION);
            assertThat(record.get(12)).isEqualTo("FULL_DAY;HOURLY");
            assertThat(record.get(17)).isEqualTo("[{\"item\":\"保育费\",\"amountFen\":250000,\"unit\":\"PER_MONTH\"}]");
        });
        // filing-number order, as the white-list answers
        List<String> numbers = new ArrayList<>(byNumber.keySet());
        assertThat(numbers).isSorted();

        byte[] withBom = export("format=csv&bom=true").getResponseBody();
        assertThat(Arrays.copyOf(withBom, 3)).isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertThat(new String(withBom, 3, withBom.length - 3, StandardCharsets.UTF_8)).startsWith("filingNumber,name,");

        EntityExchangeResult<byte[]> ndjson = export("format=ndjson");
        assertThat(ndjson.getResponseHeaders().getContentType().toString()).isEqualTo("application/x-ndjson");
        assertThat(ndjson.getResponseHeaders().getContentDisposition().getFilename()).endsWith(".ndjson");
        String[] lines = new String(ndjson.getResponseBody(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(records.size() - 1);
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            seen.add(entry.get("filingNumber").asText());
            // nothing about a child (or staff) is ever in a public entry
            entry.fieldNames().forEachRemaining(field -> assertThat(field.toLowerCase())
                    .doesNotContain("child", "citizen", "guardian", "birth", "staff", "phone"));
        }
        assertThat(seen).containsAll(names.keySet());
        assertThat(JSON.readTree(lines[numbers.indexOf(names.keySet().iterator().next())]).get("name").asText())
                .isEqualTo(names.values().iterator().next());

        client.get().uri("/api/v1/public/institutions/export?format=xml").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_QUERY").jsonPath("$.errors[0].field").isEqualTo("format");
        client.get().uri("/api/v1/public/institutions/export?format=ndjson&bom=true").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("bom");
    }

    /**
     * One institution filed, renamed, suspended and revoked on four past days, another revoked more
     * than the visible period ago: the register of each day shows what was published that day.
     */
    @Test
    void theRegisterAsOfADayIsWhatWasPublishedThatDay() {
        RegisterSeed seed = new RegisterSeed(jdbc, serializer);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = UUID.randomUUID().toString();
        seed.submitted(a, "往日" + run + "托育中心", noon(6));
        String numberA = seed.approved(a, noon(5));
        seed.amended(a, "往日" + run + "新名托育中心", noon(4));
        seed.suspended(a, noon(3));
        seed.revoked(a, noon(2));
        String b = UUID.randomUUID().toString();
        seed.submitted(b, "久远" + run + "托育中心", noon(400));
        String numberB = seed.approved(b, noon(400));
        seed.revoked(b, noon(200));
        awaitProjected(seed.write());

        // the day A was submitted: not on the register
        asOfDetail(numberA, day(6)).expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
        assertThat(searchNames(run, day(6))).isEmpty();
        assertThat(asOfState(numberA, day(5))).containsExactly("FILED", "往日" + run + "托育中心");
        assertThat(asOfState(numberA, day(4))).containsExactly("FILED", "往日" + run + "新名托育中心");
        assertThat(asOfState(numberA, day(3))).containsExactly("SUSPENDED", "往日" + run + "新名托育中心");
        assertThat(asOfState(numberA, day(2))).containsExactly("REVOKED", "往日" + run + "新名托育中心");
        assertThat(searchNames(run, day(5))).containsExactly("往日" + run + "托育中心");
        assertThat(searchNames(run, day(3))).containsExactly("往日" + run + "新名托育中心");
        // today is the live register
        assertThat(searchNames(run, day(0))).containsExactly("往日" + run + "新名托育中心");
        // B: revoked 200 days ago, visible for 180 days after
        assertThat(asOfState(numberB, day(199))).containsExactly("REVOKED", "久远" + run + "托育中心");
        asOfDetail(numberB, day(10)).expectStatus().isNotFound();
        assertThat(searchNames(run, day(199))).containsExactly("久远" + run + "托育中心");

        // the export as of a day holds the same entries, and is cacheable for good
        EntityExchangeResult<byte[]> export = export("format=ndjson&asOf=" + day(4));
        assertThat(export.getResponseHeaders().getCacheControl()).isEqualTo("max-age=31536000, public, immutable");
        String etag = export.getResponseHeaders().getETag();
        assertThat(etag).isNotNull();
        assertThat(export.getResponseHeaders().getContentDisposition().getFilename()).isEqualTo("careledger-register-" + day(4) + ".ndjson");
        String body = new String(export.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"filingNumber\":\"" + numberA + "\"").contains("往日" + run + "新名托育中心")
                .doesNotContain("\"filingNumber\":\"" + numberB + "\"");
        client.get().uri("/api/v1/public/institutions/export?format=ndjson&asOf=" + day(4))
                .header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isNotModified();
        client.get().uri("/api/v1/public/institutions/" + numberA + "?asOf=" + day(4)).exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable")
                .expectHeader().exists(HttpHeaders.ETAG);
        // the live answer keeps the short cache
        client.get().uri("/api/v1/public/institutions?q=" + run).exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=30, public");

        String tomorrow = LocalDate.now(InputRules.ZONE).plusDays(1).toString();
        for (String uri : List.of("/api/v1/public/institutions?asOf=", "/api/v1/public/institutions/" + numberA + "?asOf=",
                "/api/v1/public/institutions/export?asOf=")) {
            client.get().uri(uri + tomorrow).exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("AS_OF_IN_FUTURE");
            client.get().uri(uri + "2026-02-30").exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("INVALID_QUERY")
                    .jsonPath("$.errors[0].field").isEqualTo("asOf").jsonPath("$.errors[0].code").isEqualTo("INVALID_DATE");
        }
    }

    /** Read k versions, resume from the cursor: exactly the rest, in order, without gaps or duplicates. */
    @Test
    void theChangeFeedResumesFromItsCursor() throws Exception {
        RegisterSeed seed = new RegisterSeed(jdbc, serializer);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = UUID.randomUUID().toString();
            seed.submitted(id, "镜像" + run + "第" + i + "家", noon(2));
            numbers.add(seed.approved(id, noon(2)));
            if (i % 5 == 0) {
                seed.suspended(id, noon(1));
            }
        }
        awaitProjected(seed.write());

        List<JsonNode> all = new ArrayList<>();
        String cursor = "0";
        while (true) {
            Feed page = feed(cursor, 10_000);
            all.addAll(page.lines());
            if (page.lines().isEmpty()) {
                assertThat(page.next()).isEqualTo(cursor);
                break;
            }
            cursor = page.next();
        }
        long last = all.get(all.size() - 1).get("cursor").asLong();
        List<Long> cursors = all.stream().map(l -> l.get("cursor").asLong()).toList();
        assertThat(cursors).isSorted().doesNotHaveDuplicates();
        List<JsonNode> mine = all.stream().filter(l -> numbers.contains(l.get("filingNumber").asText())).toList();
        // a version when filed, another when suspended (every fifth)
        assertThat(mine).hasSize(48);
        assertThat(mine).allSatisfy(l -> {
            assertThat(l.get("change").asText()).isEqualTo("PUBLISHED");
            assertThat(l.get("entry").get("filingNumber").asText()).isEqualTo(l.get("filingNumber").asText());
            assertThat(l.get("publishedAt").asText()).isIn(noon(2).toString(), noon(1).toString());
        });

        // in pages of k = 7, following Next-Cursor: the same versions
        List<Long> paged = new ArrayList<>();
        cursor = "0";
        while (paged.isEmpty() || paged.get(paged.size() - 1) < last) {
            Feed page = feed(cursor, 7);
            assertThat(page.lines()).hasSizeLessThanOrEqualTo(7).isNotEmpty();
            page.lines().forEach(l -> paged.add(l.get("cursor").asLong()));
            assertThat(page.next()).isEqualTo(page.lines().get(page.lines().size() - 1).get("cursor").asText());
            cursor = page.next();
        }
        assertThat(paged.subList(0, cursors.size())).isEqualTo(cursors);
        // resumed from the k-th cursor: exactly the rest
        int k = cursors.indexOf(mine.get(10).get("cursor").asLong()) + 1;
        List<Long> rest = feed(Long.toString(cursors.get(k - 1)), 10_000).lines().stream().map(l -> l.get("cursor").asLong())
                .filter(c -> c <= last).toList();
        assertThat(rest).isEqualTo(cursors.subList(k, cursors.size()));

        client.get().uri("/api/v1/public/changes?after=abc").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("INVALID_CURSOR");
        client.get().uri("/api/v1/public/changes?limit=0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
    }

    /** A replay of the projection from the first event gives the same versions. */
    @Test
    void aRebuildGivesTheSameVersions() {
        RegisterSeed seed = new RegisterSeed(jdbc, serializer);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            seed.submitted(id, "重建" + i + "托育中心", noon(3));
            seed.approved(id, noon(3));
            if (i % 3 == 0) {
                seed.amended(id, "重建" + i + "更名", noon(2));
            }
            if (i % 4 == 0) {
                seed.suspended(id, noon(1));
            }
        }
        long position = seed.write();
        awaitProjected(position);
        List<Map<String, Object>> before = versionsOf(ids);
        assertThat(before).hasSize(30 + 10 + 8);

        // damage the versions: only a rebuild from the events can repair them
        jdbc.update("UPDATE public_register_version SET entry = '{}', status = 'FILED' WHERE institution_id = ANY(?)",
                (Object) ids.toArray(String[]::new));
        jdbc.update("DELETE FROM public_register_version WHERE institution_id = ?", ids.get(0));
        assertThat(versionsOf(ids)).isNotEqualTo(before);

        client.post().uri("/api/v1/admin/projections/" + REGISTER + "/replay")
                .headers(h -> h.setBearerAuth(new Tokens(client).admin())).exchange().expectStatus().isAccepted();
        PoisonEvents.await(() -> versionsOf(ids).equals(before), "the rebuilt versions differ from the first ones");
        awaitProjected(position);
        assertThat(versionsOf(ids)).isEqualTo(before);
    }

    /** An event the register cannot store is parked, and the register goes on. */
    @Test
    void aPoisonEventIsParkedAndTheRegisterGoesOn() {
        PoisonEvents poison = new PoisonEvents(jdbc);
        RegisterSeed seed = new RegisterSeed(jdbc, serializer);
        String w = UUID.randomUUID().toString();
        seed.submitted(w, "毒事件公示托育中心", noon(2));
        seed.approved(w, noon(2));
        awaitProjected(seed.write());
        Map<String, Object> suspension = new LinkedHashMap<>();
        suspension.put("institutionId", w);
        suspension.put("reason", "时间错乱");
        suspension.put("occurredAt", "+1000000-01-01T00:00:00Z");
        PoisonEvents.Stored bad = poison.append(FilingSuspended.class, suspension, w, RegisterSeed.DIVISION);
        try {
            assertThat(poison.awaitParked(REGISTER, bad.eventId()).get("cause_message").toString())
                    .contains("out of range");
            RegisterSeed later = new RegisterSeed(jdbc, serializer);
            String v = UUID.randomUUID().toString();
            later.submitted(v, "毒事件之后公示托育中心", noon(1));
            later.approved(v, noon(1));
            awaitProjected(later.write());
            assertThat(versionsOf(List.of(v))).hasSize(1);
            assertThat(versionsOf(List.of(w))).extracting(r -> r.get("status")).containsExactly("FILED");
        } finally {
            poison.evictEverywhere(w);
            poison.evictEvent(bad.eventId());
        }
    }

    private List<Map<String, Object>> versionsOf(List<String> ids) {
        return jdbc.queryForList("SELECT global_index, institution_id, valid_from, change, filing_number, status, "
                + "status_changed_at, entry FROM public_register_version WHERE institution_id = ANY(?) ORDER BY global_index",
                (Object) ids.toArray(String[]::new));
    }

    private EntityExchangeResult<byte[]> export(String query) {
        // the whole register is larger than the test client's default 512 KiB buffer
        return client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build()
                .get().uri("/api/v1/public/institutions/export?" + query).exchange().expectStatus().isOk()
                .expectBody().returnResult();
    }

    private WebTestClient.ResponseSpec asOfDetail(String number, String day) {
        return client.get().uri("/api/v1/public/institutions/" + number + "?asOf=" + day).exchange();
    }

    private List<String> asOfState(String number, String day) {
        JsonNode entry = read(asOfDetail(number, day).expectStatus().isOk().expectBody().returnResult().getResponseBody());
        return List.of(entry.get("status").asText(), entry.get("name").asText());
    }

    private List<String> searchNames(String q, String day) {
        JsonNode page = read(client.get().uri("/api/v1/public/institutions?division=" + RegisterSeed.DIVISION + "&q=" + q
                + "&asOf=" + day).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    private record Feed(List<JsonNode> lines, String next) {
    }

    private Feed feed(String after, int limit) throws Exception {
        EntityExchangeResult<byte[]> result = client.get().uri("/api/v1/public/changes?after=" + after + "&limit=" + limit)
                .exchange().expectStatus().isOk().expectHeader().contentType("application/x-ndjson")
                .expectBody().returnResult();
        List<JsonNode> lines = new ArrayList<>();
        byte[] body = result.getResponseBody();
        if (body != null) {
            for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return new Feed(lines, result.getResponseHeaders().getFirst("Next-Cursor"));
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 4180 reader: records end in CRLF, quoted fields may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field).as("a quote inside an unquoted field").isEmpty();
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertThat(text.charAt(i + 1)).as("CR without LF").isEqualTo('\n');
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("a bare line feed outside quotes").isNotEqualTo('\n');
                field.append(c);
            }
        }
        assertThat(field).as("the last record ends in CRLF").isEmpty();
        assertThat(record).isEmpty();
        return records;
    }
}
