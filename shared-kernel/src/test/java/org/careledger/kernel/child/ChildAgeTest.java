package org.careledger.kernel.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Rule A1 of docs/domain.md: ages in completed months, to the day, at every kind of boundary. */
class ChildAgeTest {

    private static ChildAge born(String day) {
        return new ChildAge(LocalDate.parse(day));
    }

    @Test
    void aChildReachesMonthsOnTheSameDayOfMonthNotBefore() {
        ChildAge age = born("2025-03-15");
        assertThat(age.monthsOn(LocalDate.parse("2025-09-14"))).isEqualTo(5);   // the day before
        assertThat(age.monthsOn(LocalDate.parse("2025-09-15"))).isEqualTo(6);   // the day itself
        assertThat(age.monthsOn(LocalDate.parse("2025-09-30"))).isEqualTo(6);
        assertThat(age.describeOn(LocalDate.parse("2025-09-17"))).isEqualTo("6 months and 2 days");
    }

    @Test
    void fiveMonthsAndTwoDaysIsNotSixMonths() {
        // the case: counted in whole calendar months this child was "6 months" already
        ChildAge age = born("2025-03-28");
        LocalDate day = LocalDate.parse("2025-08-30");
        assertThat(age.monthsOn(day)).isEqualTo(5);
        assertThat(age.hasReached(6, day)).isFalse();
        assertThat(ChildAge.ofBirthMonth(YearMonth.of(2025, 3)).monthsOn(day)).isEqualTo(5);
        assertThat(ChildAge.ofBirthMonth(YearMonth.of(2025, 3)).monthsOn(LocalDate.parse("2025-09-01"))).isEqualTo(6);
    }

    @Test
    void aMissingDayOfMonthMeansTheMonthsLastDay() {
        ChildAge age = born("2025-08-31");
        assertThat(age.reachesMonthsOn(6)).isEqualTo("2026-02-28");
        assertThat(age.monthsOn(LocalDate.parse("2026-02-27"))).isEqualTo(5);
        assertThat(age.monthsOn(LocalDate.parse("2026-02-28"))).isEqualTo(6);
        // leap year: 29 February
        ChildAge leap = born("2023-08-31");
        assertThat(leap.reachesMonthsOn(6)).isEqualTo("2024-02-29");
        assertThat(leap.monthsOn(LocalDate.parse("2024-02-28"))).isEqualTo(5);
        assertThat(leap.monthsOn(LocalDate.parse("2024-02-29"))).isEqualTo(6);
        // 30-day months
        assertThat(age.reachesMonthsOn(1)).isEqualTo("2025-09-30");
        assertThat(age.monthsOn(LocalDate.parse("2025-09-29"))).isEqualTo(0);
        assertThat(age.monthsOn(LocalDate.parse("2025-09-30"))).isEqualTo(1);
        assertThat(age.monthsOn(LocalDate.parse("2025-10-30"))).isEqualTo(1);
        assertThat(age.monthsOn(LocalDate.parse("2025-10-31"))).isEqualTo(2);
        // born on the 30th: reaches in a 31-day month on the 30th, in February on its last day
        ChildAge thirtieth = born("2025-01-30");
        assertThat(thirtieth.reachesMonthsOn(1)).isEqualTo("2025-02-28");
        assertThat(thirtieth.reachesMonthsOn(2)).isEqualTo("2025-03-30");
        assertThat(thirtieth.monthsOn(LocalDate.parse("2025-03-29"))).isEqualTo(1);
    }

    @Test
    void childrenBornOnTheTwentyNinthOfFebruary() {
        ChildAge age = born("2024-02-29");
        assertThat(age.reachesMonthsOn(12)).isEqualTo("2025-02-28");
        assertThat(age.monthsOn(LocalDate.parse("2025-02-27"))).isEqualTo(11);
        assertThat(age.monthsOn(LocalDate.parse("2025-02-28"))).isEqualTo(12);
        assertThat(age.reachesMonthsOn(1)).isEqualTo("2024-03-29");
        assertThat(age.monthsOn(LocalDate.parse("2024-03-28"))).isEqualTo(0);
        assertThat(age.reachesMonthsOn(48)).isEqualTo("2028-02-29");
        assertThat(age.agesOutOn()).isEqualTo("2027-02-28");
        assertThat(age.lastDayOfCare()).isEqualTo("2027-02-27");
    }

    @Test
    void thirtySixMonthsIsTheThirdBirthday() {
        ChildAge age = born("2023-12-24");
        assertThat(age.agesOutOn()).isEqualTo("2026-12-24");
        assertThat(age.lastDayOfCare()).isEqualTo("2026-12-23");
        assertThat(age.monthsOn(LocalDate.parse("2026-12-23"))).isEqualTo(35);
        assertThat(age.monthsOn(LocalDate.parse("2026-12-24"))).isEqualTo(36);
        // 35 months and 4 days is not 36 months
        assertThat(age.monthsOn(LocalDate.parse("2026-11-28"))).isEqualTo(35);
        assertThat(age.describeOn(LocalDate.parse("2026-11-28"))).isEqualTo("35 months and 4 days");
    }

    @Test
    void monthsOnAgreesWithReachesMonthsOnForManyBirthDates() {
        Random random = new Random(20261202L);
        for (int i = 0; i < 20_000; i++) {
            ChildAge age = new ChildAge(LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2_500)));
            int n = random.nextInt(40);
            LocalDate reached = age.reachesMonthsOn(n);
            assertThat(age.monthsOn(reached)).as("%s on %s", age, reached).isEqualTo(n);
            assertThat(age.monthsOn(reached.minusDays(1))).as("%s on the day before %s", age, reached).isEqualTo(n - 1);
        }
    }
}
