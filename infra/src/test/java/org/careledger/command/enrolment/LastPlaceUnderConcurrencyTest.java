package org.careledger.command.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import java.util.Map;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.child.CitizenId;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last place of a class under concurrency (ADR 0023): since the split, the places of a class
 * are counted from the {@code enrolment} table, not from one aggregate's state, so two
 * enrolments committed by two instances (whose Axon locks do not see each other) could both find
 * the last place free. Here two transactions take the place check as {@link Enrolment} does
 * (lock, count, rule, claim): the first holds its claim uncommitted for a while, the second
 * starts meanwhile. Exactly one wins; without the lock in {@link JdbcEnrolmentRegistry#lockPlaces}
 * both do.
 */
@SuppressWarnings("rawtypes")
class LastPlaceUnderConcurrencyTest extends IntegrationTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 9);

    @Autowired
    EnrolmentRegistry registry;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WebTestClient client;

    /** One enrolment as the aggregate takes its place: under the lock, counted, checked, claimed. */
    private boolean enrolInOwnTransaction(InstitutionId institution, ClassId classId, int places,
                                          CountDownLatch claimed, long holdMillis) {
        return Boolean.TRUE.equals(new TransactionTemplate(transactions).execute(tx -> {
            EnrolmentRegistry.Occupancy occupancy = registry.lockPlaces(institution, classId);
            try {
                EnrolmentRules.CLASS_HAS_A_FREE_PLACE.enforce(new EnrolmentRules.Occupancy(places, occupancy.inClass()));
            } catch (DomainException refused) {
                assertThat(refused.code()).isEqualTo(ErrorCode.CLASS_FULL);
                return false;
            }
            registry.claim(row(institution, classId));
            claimed.countDown();
            sleep(holdMillis); // still uncommitted: another instance's enrolment runs now
            return true;
        }));
    }

    private static EnrolmentRegistry.Enrolment row(InstitutionId institution, ClassId classId) {
        return new EnrolmentRegistry.Enrolment(UuidId.generate(EnrolmentId::new), UuidId.generate(ChildRef::new), institution, classId,
                YearMonth.of(2025, 6), START, START.plusMonths(10), true, null);
    }

    @Test
    void twoInstancesEnrollingIntoTheLastPlaceOfAClassOneWins() throws Exception {
        InstitutionId institution = UuidId.generate(InstitutionId::new);
        ClassId classId = UuidId.generate(ClassId::new);
        int places = 2;
        registry.claim(row(institution, classId)); // one place taken, one left (auto-committed)

        CountDownLatch firstClaimed = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(
                () -> enrolInOwnTransaction(institution, classId, places, firstClaimed, 1500));
        assertThat(firstClaimed.await(20, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(
                () -> enrolInOwnTransaction(institution, classId, places, new CountDownLatch(1), 0));

        List<Boolean> won = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
        assertThat(won).containsExactly(true, false);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment WHERE class_id = ? AND active", Integer.class,
                classId.value())).isEqualTo(places);
    }

    @SuppressWarnings("unchecked")
    private String child(String op, String institution, int sequence) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        java.time.LocalDate birth = today.minusMonths(30).withDayOfMonth(3);
        String first17 = "370830" + birth.toString().replace("-", "") + String.format("%03d", sequence);
        String child = (String) client.post().uri("/api/v1/institutions/" + institution + "/children")
                .headers(h -> h.setBearerAuth(op)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "孙小满", "citizenId", first17 + CitizenId.checkCharacterFor(first17),
                        "birthDate", birth.toString(), "guardianName", "孙大满", "guardianPhone", "135-0000-0000"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        client.post().uri("/api/v1/children/" + child + "/health-checks").headers(h -> h.setBearerAuth(op))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kind", "ENTRY", "checkedOn", today.toString(), "outcome", "NORMAL"))
                .exchange().expectStatus().isCreated();
        return child;
    }

    private EntityExchangeResult<Map> enrol(String op, String institution, String child, String classId) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        return client.post().uri("/api/v1/institutions/" + institution + "/enrolments").headers(h -> h.setBearerAuth(op))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("childRef", child, "classId", classId, "contract", Map.of("serviceType", "FULL_DAY",
                        "startsOn", today.toString(), "endsOn", today.plusMonths(3).toString(),
                        "fees", List.of(Map.of("item", "保育费", "amountFen", 1, "unit", "PER_MONTH")),
                        "refundStandard", "按日退还", "disputeResolution", "协商", "prepaidMonths", 0)))
                .exchange().expectBody(Map.class).returnResult();
    }

    /** Through the API: children sent at once for the last place of a class; one is enrolled, the others refused CLASS_FULL. */
    @Test
    void concurrentEnrolmentsForTheLastPlaceThroughTheApiEnrolExactlyOne() throws Exception {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String institution = java.util.UUID.randomUUID().toString();
        String op = tokens.operator(institution);
        filings.file(op, Filings.body(Filings.freshCreditCode(), "末位托育中心", "370830", 35.7, 116.5,
                List.of(Map.of("name", "托大班", "classType", "OLDER_TODDLER", "places", 2))));
        filings.approve(tokens.inspector("3708"), institution);
        String classId = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'classId' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%.ClassOpened'", String.class, institution);
        List<String> children = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            children.add(child(op, institution, 801 + i));
        }
        assertThat(enrol(op, institution, children.get(0), classId).getStatus().value()).isEqualTo(201);

        List<CompletableFuture<EntityExchangeResult<Map>>> attempts = children.subList(1, 5).stream()
                .map(c -> CompletableFuture.supplyAsync(() -> enrol(op, institution, c, classId))).toList();
        List<EntityExchangeResult<Map>> answers = new java.util.ArrayList<>();
        for (CompletableFuture<EntityExchangeResult<Map>> a : attempts) {
            answers.add(a.get(60, TimeUnit.SECONDS));
        }
        assertThat(answers).filteredOn(a -> a.getStatus().value() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.getStatus().value() != 201)
                .allSatisfy(a -> assertThat(a.getResponseBody().get("code")).isEqualTo("CLASS_FULL"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment WHERE class_id = ? AND active", Integer.class,
                classId)).isEqualTo(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
