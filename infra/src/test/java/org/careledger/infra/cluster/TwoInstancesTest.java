package org.careledger.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.careledger.command.cluster.ClusterLeases;
import org.careledger.command.enrolment.EnrolmentLifecycleWorker;
import org.careledger.command.licence.LicenceRegistry;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two application instances (two Spring contexts in this JVM) on one PostgreSQL and one
 * MongoDB-wire server, both "external" to them (ADR 0024, docs/scale-out.md). Instance A has the
 * local token issuer and the e-license simulator; instance B has neither: it verifies A's tokens
 * with the shared signing key and leaves licence checks to A. The methods run in order over the
 * same two instances; the last one cuts B off from the database, as a crash would. The set-up is
 * {@link TwoInstances}; the shared rate limits have their own test ({@code SharedRateLimitTest}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {

    private static final List<String> SPREAD = List.of("white-list", "supervision", "institution-history");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TwoInstances instances;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static WebTestClient clientA;
    private static WebTestClient clientB;
    private static Tokens tokens;
    private static JdbcTemplate db;
    private static long bStarted;
    /**
     * How soon after B started each instance must hold its share. Expected: a heartbeat (300 ms)
     * for A to count B and give segments back, then a token-claim interval (1 s) for B to claim
     * them; the rest is slack for a loaded machine.
     */
    private static final Duration SPREAD_BOUND = Duration.ofSeconds(15);

    @BeforeAll
    static void start() throws Exception {
        instances = TwoInstances.stores();
        db = instances.db;
        List<String> limitsOff = List.of("--careledger.rate-limits.public-requests.limit=0",
                "--careledger.rate-limits.authentication-failures.limit=0", "--careledger.demo-data.enabled=true");
        a = instances.start("a", with(limitsOff, "--careledger.dev.insecure-local-issuer=true",
                "--careledger.dev.insecure-simulator=true"));
        // alone, A holds every segment: B gets its share only if A gives segments back (balancing)
        await("A alone holds both segments of " + SPREAD, Duration.ofSeconds(60),
                () -> SPREAD.stream().allMatch(p -> segments(a, p) == 2));
        b = instances.start("b", limitsOff);
        bStarted = System.nanoTime();
        clientA = TwoInstances.client(a);
        clientB = TwoInstances.client(b);
        tokens = new Tokens(clientA);
    }

    private static List<String> with(List<String> shared, String... own) {
        List<String> args = new ArrayList<>(shared);
        args.addAll(List.of(own));
        return args;
    }

    @AfterAll
    static void stop() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    @Order(1)
    void theSegmentsOfEveryProcessorAreSpreadOverBothInstances() {
        Duration left = SPREAD_BOUND.minus(Duration.ofNanos(System.nanoTime() - bStarted));
        await("each instance holds its share, one of the two segments of " + SPREAD + ", within " + SPREAD_BOUND
                        + " of B's start", left.isNegative() ? Duration.ZERO : left,
                () -> SPREAD.stream().allMatch(p -> segments(a, p) == 1 && segments(b, p) == 1));
        System.out.println("[two-instances] segments spread " + Duration.ofNanos(System.nanoTime() - bStarted).toMillis()
                + " ms after B started");
        for (ConfigurableApplicationContext app : List.of(a, b)) {
            ProcessorCoordinator coordinator = app.getBean(ProcessorCoordinator.class);
            assertThat(coordinator.liveInstances()).isEqualTo(2);
            SPREAD.forEach(p -> assertThat(coordinator.getMaxSegments(p)).as("share of " + p).isEqualTo(1));
        }
        // and it stays so: nobody claims beyond its share
        sleepMillis(1_500);
        assertThat(SPREAD.stream().allMatch(p -> segments(a, p) == 1 && segments(b, p) == 1)).as("still spread").isTrue();
        // a processor of one segment runs on exactly one of them
        await("one instance holds the utilisation segment", Duration.ofSeconds(30),
                () -> segments(a, "utilisation") + segments(b, "utilisation") == 1);
    }

    @Test
    @Order(2)
    void sharedSecretsAreShared() {
        // B has no token issuer of its own: A's tokens hold on B because the signing key is shared
        String admin = tokens.admin();
        clientB.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk();
        // one certificate key, published alike by both
        String keyA = clientA.get().uri("/api/v1/public/certificates/public-key").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String keyB = clientB.get().uri("/api/v1/public/certificates/public-key").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(keyB).isEqualTo(keyA);
        // licence checks are claimed only where a platform can be reached: B has none
        assertThat(a.getBean(LicenceRegistry.class).canVerify()).isTrue();
        assertThat(b.getBean(LicenceRegistry.class).canVerify()).isFalse();
    }

    @Test
    @Order(3)
    void conflictingCommandsOnBothInstancesAnswer409AndNoUpdateIsLost() throws Exception {
        String id = UUID.randomUUID().toString();
        String operator = tokens.operator(id);
        new Filings(clientA).file(operator, Filings.body(Filings.freshCreditCode(), "两实例冲突托育中心"));
        int commands = 16;
        List<Integer> firstAnswers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < commands; i++) {
                WebTestClient client = i % 2 == 0 ? clientA : clientB;
                Map<String, Object> body = Map.of("name", "并发班" + i, "classType", "OLDER_TODDLER", "places", 20);
                results.add(pool.submit(() -> openClassRetryingConflicts(client, operator, id, body)));
            }
            for (Future<List<Integer>> r : results) {
                List<Integer> statuses = r.get();
                assertThat(statuses).as("every answer is 201, or 409 until the retry succeeds").allMatch(s -> s == 201 || s == 409);
                assertThat(statuses.get(statuses.size() - 1)).isEqualTo(201);
                firstAnswers.add(statuses.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
        // no update lost: every class that was answered 201 is an event, once
        Integer opened = db.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'org.careledger.kernel.filing.ClassOpened'", Integer.class, id);
        Integer distinct = db.queryForObject("SELECT count(DISTINCT convert_from(payload, 'UTF8')::jsonb ->> 'name') "
                + "FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'org.careledger.kernel.filing.ClassOpened'", Integer.class, id);
        assertThat(opened).isEqualTo(2 + commands);
        assertThat(distinct).isEqualTo(2 + commands);
        System.out.println("[two-instances] conflicting commands: first answers " + firstAnswers);
    }

    /** Opens a class, retrying while the answer is 409 CONCURRENT_MODIFICATION; answers every status seen. */
    private static List<Integer> openClassRetryingConflicts(WebTestClient client, String token, String id,
                                                            Map<String, Object> body) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 30; attempt++) {
            EntityExchangeResult<String> r = client.post().uri("/api/v1/institutions/" + id + "/classes")
                    .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectBody(String.class).returnResult();
            int status = r.getStatus().value();
            statuses.add(status);
            if (status == 409) {
                assertThat(JSON.readTree(r.getResponseBody()).path("code").asText()).isEqualTo("CONCURRENT_MODIFICATION");
                continue;
            }
            return statuses;
        }
        return statuses;
    }

    @Test
    @Order(4)
    void theSameIdempotencyKeySentToBothInstancesAtOnceAppendsOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String operator = tokens.operator(id);
        new Filings(clientB).file(operator, Filings.body(Filings.freshCreditCode(), "两实例幂等托育中心"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String key = "race-" + round + "-" + UUID.randomUUID();
                Map<String, Object> body = Map.of("name", "幂等班" + round, "classType", "OLDER_TODDLER", "places", 20);
                Callable<EntityExchangeResult<String>> toA = () -> keyed(clientA, operator, id, key, body);
                Callable<EntityExchangeResult<String>> toB = () -> keyed(clientB, operator, id, key, body);
                Future<EntityExchangeResult<String>> fa = pool.submit(toA);
                Future<EntityExchangeResult<String>> fb = pool.submit(toB);
                EntityExchangeResult<String> ra = fa.get();
                EntityExchangeResult<String> rb = fb.get();
                assertThat(ra.getStatus().value()).as(ra.getResponseBody()).isEqualTo(201);
                assertThat(rb.getStatus().value()).as(rb.getResponseBody()).isEqualTo(201);
                assertThat(rb.getResponseBody()).isEqualTo(ra.getResponseBody());
            }
        } finally {
            pool.shutdownNow();
        }
        Integer opened = db.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'org.careledger.kernel.filing.ClassOpened'", Integer.class, id);
        assertThat(opened).as("two classes of the filing and one per key").isEqualTo(2 + 5);
    }

    private static EntityExchangeResult<String> keyed(WebTestClient client, String token, String id, String key,
                                                      Map<String, Object> body) {
        return client.post().uri("/api/v1/institutions/" + id + "/classes")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectBody(String.class).returnResult();
    }

    @Test
    @Order(5)
    void readYourWritesAndTheWhiteListHoldAcrossInstances() {
        // written through B (whose licence check A performs), read through A with minPosition
        String viaB = UUID.randomUUID().toString();
        new Filings(clientB).file(tokens.operator(viaB), Filings.body(Filings.freshCreditCode(), "乙实例写入托育中心"));
        long position = new Filings(clientB).approve(tokens.inspector("3708"), viaB).position();
        clientA.get().uri(u -> u.path("/api/v1/public/institutions").queryParam("q", "乙实例写入")
                        .queryParam("minPosition", position).build())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
        clientA.get().uri("/api/v1/supervision/institutions?division=370830&minPosition=" + position)
                .headers(h -> h.setBearerAuth(tokens.inspector("3708")))
                .exchange().expectStatus().isOk();

        // written through A, seen on B's in-memory white-list without minPosition (refresh 2 s)
        String viaA = UUID.randomUUID().toString();
        new Filings(clientA).file(tokens.operator(viaA), Filings.body(Filings.freshCreditCode(), "甲实例写入托育中心"));
        new Filings(clientA).approve(tokens.inspector("3708"), viaA);
        long started = System.nanoTime();
        await("B's white-list shows the institution approved through A", Duration.ofSeconds(30),
                () -> total(clientB, "甲实例写入") == 1);
        System.out.println("[two-instances] white-list change seen on the other instance after "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    }

    @Test
    @Order(6)
    void backgroundWorkersRunOnOneInstance() {
        ClusterLeases leasesA = a.getBean(ClusterLeases.class);
        ClusterLeases leasesB = b.getBean(ClusterLeases.class);
        await("the age-out worker has run a few times", Duration.ofSeconds(30),
                () -> leasesA.runs(EnrolmentLifecycleWorker.WORKER) + leasesB.runs(EnrolmentLifecycleWorker.WORKER) >= 5);
        assertThat(Math.min(leasesA.runs(EnrolmentLifecycleWorker.WORKER), leasesB.runs(EnrolmentLifecycleWorker.WORKER)))
                .as("runs on the instance without the lease").isZero();
        assertThat(leasesA.runs("demo-data") + leasesB.runs("demo-data")).as("demo loader runs").isEqualTo(1);
        // the demo institutions approved (A verifies their licences) and no fact recorded twice
        await("the demo data are loaded", Duration.ofSeconds(60), () -> count(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type = 'org.careledger.kernel.filing.PuhuiStatusGranted' "
                        + "AND convert_from(meta_data, 'UTF8') LIKE '%demo-data%'") >= 5);
        assertThat(count("SELECT count(*) FROM (SELECT aggregate_identifier, payload_type FROM domain_event_entry "
                + "WHERE payload_type IN ('org.careledger.kernel.filing.FilingSubmitted', "
                + "'org.careledger.kernel.filing.FilingApproved', 'org.careledger.kernel.filing.PuhuiStatusGranted') "
                + "GROUP BY 1, 2 HAVING count(*) > 1) twice")).as("facts recorded twice").isZero();
    }

    @Test
    @Order(7)
    void aReplayWorksFromTheInstanceThatDoesNotOwnTheSegments() {
        String admin = tokens.admin();
        ConfigurableApplicationContext nonOwner = segments(a, "utilisation") == 0 ? a : b;
        WebTestClient client = nonOwner == a ? clientA : clientB;
        client.post().uri("/api/v1/admin/projections/utilisation/replay").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.running").isEqualTo(true);
        await("utilisation runs on both instances and its segment is claimed", Duration.ofSeconds(30),
                () -> processor(a, "utilisation").isRunning() && processor(b, "utilisation").isRunning()
                        && segments(a, "utilisation") + segments(b, "utilisation") == 1);

        // the white-list replayed from B: A's search sees the rebuilt documents
        long last = count("SELECT max(global_index) FROM domain_event_entry");
        clientB.post().uri("/api/v1/admin/projections/white-list/replay").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isAccepted();
        clientA.get().uri(u -> u.path("/api/v1/public/institutions").queryParam("q", "乙实例写入")
                        .queryParam("minPosition", last).build())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
        await("the white-list segments are spread again", Duration.ofSeconds(30),
                () -> segments(a, "white-list") == 1 && segments(b, "white-list") == 1);
    }

    @Test
    @Order(8)
    void whenAnInstanceIsCutOffTheOtherTakesOverItsSegmentsAndWorkers() {
        long runsBefore = a.getBean(ClusterLeases.class).runs(EnrolmentLifecycleWorker.WORKER);
        // as a crash looks to the others: B stops renewing its claims, its row and its leases, and gives nothing back
        b.getBean(HikariDataSource.class).close();
        long cut = System.nanoTime();
        await("A holds every segment", Duration.ofSeconds(60), () -> segments(a, "white-list") == 2
                && segments(a, "supervision") == 2 && segments(a, "institution-history") == 2 && segments(a, "utilisation") == 1);
        System.out.println("[two-instances] segments taken over after " + Duration.ofNanos(System.nanoTime() - cut).toMillis() + " ms");
        await("A runs the age-out worker", Duration.ofSeconds(30),
                () -> a.getBean(ClusterLeases.class).runs(EnrolmentLifecycleWorker.WORKER) > runsBefore + 2);

        // and A alone serves writes and reads
        String id = UUID.randomUUID().toString();
        new Filings(clientA).file(tokens.operator(id), Filings.body(Filings.freshCreditCode(), "接管后托育中心"));
        long position = new Filings(clientA).approve(tokens.inspector("3708"), id).position();
        clientA.get().uri(u -> u.path("/api/v1/public/institutions").queryParam("q", "接管后")
                        .queryParam("minPosition", position).build())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
    }

    private static long total(WebTestClient client, String q) {
        byte[] body = client.get().uri(u -> u.path("/api/v1/public/institutions").queryParam("q", q).build())
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        try {
            JsonNode node = JSON.readTree(body);
            return node.path("total").asLong();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        Long n = db.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static StreamingEventProcessor processor(ConfigurableApplicationContext app, String name) {
        return app.getBean(EventProcessingConfiguration.class).eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    private static int segments(ConfigurableApplicationContext app, String name) {
        return processor(app, name).processingStatus().size();
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits, polling, for a condition; fails with its description after the bound. */
    private static void await(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + bound + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
