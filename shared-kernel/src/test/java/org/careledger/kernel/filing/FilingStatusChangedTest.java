package org.careledger.kernel.filing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;

import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.FilingStatus;
import org.junit.jupiter.api.Test;

/** Every filing-status event says which status it leads to (docs/domain.md rule F1). */
class FilingStatusChangedTest {

    private static final InstitutionId ID = new InstitutionId("0b7a1f64-3c2d-4e5f-8a9b-1c2d3e4f5a6b");
    private static final Instant AT = Instant.parse("2026-03-02T02:00:00Z");

    @Test
    void eachPermittedEventHasItsStatus() {
        assertThat(FilingStatusChanged.STATUS_AFTER.keySet())
                .containsExactlyInAnyOrder(Arrays.stream(FilingStatusChanged.class.getPermittedSubclasses())
                        .map(c -> c.asSubclass(FilingStatusChanged.class)).toArray(Class[]::new));
        assertThat(new FilingSuspended(ID, "整改", AT).filingStatus()).isEqualTo(FilingStatus.SUSPENDED);
        assertThat(new FilingReinstated(ID, null, AT).filingStatus()).isEqualTo(FilingStatus.FILED);
        assertThat(new FilingRevoked(ID, "违规", AT).filingStatus()).isEqualTo(FilingStatus.REVOKED);
        assertThat(new InstitutionDeregistered(ID, null, AT).filingStatus()).isEqualTo(FilingStatus.DEREGISTERED);
    }
}
