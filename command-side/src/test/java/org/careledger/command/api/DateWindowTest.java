package org.careledger.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.careledger.kernel.error.Violations;
import org.careledger.kernel.value.InputRules;
import org.junit.jupiter.api.Test;

/** The date windows of ADR 0020, as request parsing applies them (docs/input-rules.md). */
class DateWindowTest {

    private static final LocalDate TODAY = InputRules.today();

    private static String parse(String raw, InputRules.DateWindow window) {
        Violations v = new Violations();
        LocalDate date = RequestParsing.date(v, "d", raw, true, window);
        return v.isEmpty() ? "OK " + date : v.list().get(0).code();
    }

    @Test
    void absurdYearsAreRefusedInEveryWindow() {
        for (InputRules.DateWindow w : new InputRules.DateWindow[] {InputRules.BIRTH_DATE, InputRules.PAST_EVENT,
                InputRules.DOCUMENT_ISSUED, InputRules.CONTRACT_START, InputRules.CONTRACT_END, InputRules.TRANSFER,
                InputRules.ATTENDANCE_DAY, InputRules.CERTIFICATE_EXPIRY, InputRules.NEAR_FUTURE, InputRules.DEADLINE,
                InputRules.ANY_DATE}) {
            assertThat(parse("+999999999-12-31", w)).as(w.name()).isEqualTo("INVALID_DATE");
            assertThat(parse("-999999999-01-01", w)).as(w.name()).isEqualTo("INVALID_DATE");
            assertThat(parse("9999-12-31", w)).as(w.name()).isEqualTo("OUT_OF_RANGE");
            assertThat(parse("0001-01-01", w)).as(w.name()).isEqualTo("OUT_OF_RANGE");
            assertThat(parse("1979-12-31", w)).as(w.name()).isEqualTo("OUT_OF_RANGE");
        }
    }

    @Test
    void nothingThatHasHappenedLiesInTheFuture() {
        assertThat(parse(TODAY.toString(), InputRules.PAST_EVENT)).startsWith("OK");
        assertThat(parse(TODAY.plusDays(1).toString(), InputRules.PAST_EVENT)).isEqualTo("OUT_OF_RANGE");
        assertThat(parse("1999-12-31", InputRules.PAST_EVENT)).isEqualTo("OUT_OF_RANGE");
        assertThat(parse(TODAY.plusDays(1).toString(), InputRules.DOCUMENT_ISSUED)).isEqualTo("OUT_OF_RANGE");
        assertThat(parse("1995-06-01", InputRules.DOCUMENT_ISSUED)).startsWith("OK");
        assertThat(parse(TODAY.plusDays(1).toString(), InputRules.BIRTH_DATE)).isEqualTo("OUT_OF_RANGE");
        assertThat(parse(TODAY.minusYears(4).minusDays(1).toString(), InputRules.BIRTH_DATE)).isEqualTo("OUT_OF_RANGE");
        assertThat(parse(TODAY.minusMonths(30).toString(), InputRules.BIRTH_DATE)).startsWith("OK");
    }

    @Test
    void contractsAndCertificatesEndWithinTheirHorizon() {
        assertThat(parse(TODAY.plusYears(4).toString(), InputRules.CONTRACT_END)).startsWith("OK");
        assertThat(parse(TODAY.plusYears(4).plusDays(1).toString(), InputRules.CONTRACT_END)).isEqualTo("OUT_OF_RANGE");
        assertThat(parse(TODAY.plusYears(1).plusDays(1).toString(), InputRules.CONTRACT_START)).isEqualTo("OUT_OF_RANGE");
        assertThat(parse(TODAY.plusYears(10).toString(), InputRules.CERTIFICATE_EXPIRY)).startsWith("OK");
        assertThat(parse(TODAY.plusYears(10).plusDays(1).toString(), InputRules.CERTIFICATE_EXPIRY)).isEqualTo("OUT_OF_RANGE");
    }

    @Test
    void onlyIsoCalendarDatesAreDates() {
        assertThat(parse("2026-02-30", InputRules.ANY_DATE)).isEqualTo("INVALID_DATE");
        assertThat(parse("2026-1-5", InputRules.ANY_DATE)).isEqualTo("INVALID_DATE");
        assertThat(parse("２０２６-０１-０５", InputRules.ANY_DATE)).isEqualTo("INVALID_DATE");
        assertThat(parse("2026-01-05T00:00", InputRules.ANY_DATE)).isEqualTo("INVALID_DATE");
        assertThat(parse(" 2026-01-05 ", InputRules.ANY_DATE)).isEqualTo("OK 2026-01-05");
    }
}
