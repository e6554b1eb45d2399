package org.careledger.command.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.careledger.infra.support.IntegrationTest;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
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
class LastPlaceUnderConcurrencyTest extends IntegrationTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 9);

    @Autowired
    EnrolmentRegistry registry;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;

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
        return new EnrolmentRegistry.Enrolment(EnrolmentId.generate(), ChildRef.generate(), institution, classId,
                YearMonth.of(2025, 6), START, START.plusMonths(10), true, null);
    }

    @Test
    void twoInstancesEnrollingIntoTheLastPlaceOfAClassOneWins() throws Exception {
        InstitutionId institution = InstitutionId.generate();
        ClassId classId = ClassId.generate();
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
