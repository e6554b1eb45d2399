package org.careledger.kernel.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;

import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void anEnumIsReadWhateverItsCaseAndBlanks() {
        Violations v = new Violations();
        assertThat(v.enumValue("day", "  monday ", DayOfWeek.class)).isEqualTo(DayOfWeek.MONDAY);
        assertThat(v.enumValue("day", null, DayOfWeek.class)).isNull();
        assertThat(v.enumValue("day", " ", DayOfWeek.class)).isNull();
        assertThat(v.isEmpty()).isTrue();
    }

    @Test
    void anUnknownNameIsRecordedWithTheNamesAllowed() {
        Violations v = new Violations();
        assertThat(v.enumValue("days[0]", "someday", DayOfWeek.class)).isNull();
        assertThat(v.list()).containsExactly(new FieldViolation("days[0]", "UNKNOWN_VALUE",
                "days[0] must be one of [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY]"));
    }
}
