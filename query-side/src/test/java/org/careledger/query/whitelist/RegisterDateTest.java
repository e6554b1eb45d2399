package org.careledger.query.whitelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.junit.jupiter.api.Test;

class RegisterDateTest {

    /** 2026-12-02 17:00 UTC is already 2026-12-03 01:00 in Asia/Shanghai. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T17:00:00Z"), ZoneOffset.UTC);

    @Test
    void aPastDayIsCutAtTheStartOfTheNextDayInShanghai() {
        assertThat(RegisterDate.cut(LocalDate.parse("2026-12-01"), clock)).isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
        // the 2nd is over in Shanghai, though not in UTC
        assertThat(RegisterDate.cut(LocalDate.parse("2026-12-02"), clock)).isEqualTo(Instant.parse("2026-12-02T16:00:00Z"));
    }

    @Test
    void todayIsTheLiveRegisterAndTheFutureIsRefused() {
        assertThat(RegisterDate.cut(LocalDate.parse("2026-12-03"), clock)).isNull();
        assertThat(RegisterDate.cut(null, clock)).isNull();
        assertThatThrownBy(() -> RegisterDate.cut(LocalDate.parse("2026-12-04"), clock))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AS_OF_IN_FUTURE));
    }

    @Test
    void onlyRealDaysOfTheFormYyyyMmDdAreTaken() {
        for (String bad : new String[] {"2026-02-30", "2026-1-01", "20261201", "2026-12-01T00:00", "yesterday", "+2026-12-01"}) {
            Violations v = new Violations();
            assertThat(RegisterDate.day(v, bad)).as(bad).isNull();
            assertThat(v.list()).as(bad).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("INVALID_DATE"));
        }
        Violations early = new Violations();
        assertThat(RegisterDate.day(early, "2018-12-31")).isNull();
        assertThat(early.list()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("OUT_OF_RANGE"));
        Violations none = new Violations();
        assertThat(RegisterDate.day(none, "2026-12-01")).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(RegisterDate.day(none, null)).isNull();
        assertThat(none.isEmpty()).isTrue();
    }
}
