package org.careledger.query.institution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.careledger.kernel.attendance.AttendanceRecorded;
import org.careledger.kernel.child.ChildRegistered;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.junit.jupiter.api.Test;

class PerInstitutionSequencingPolicyTest {

    private final PerInstitutionSequencingPolicy policy = new PerInstitutionSequencingPolicy();

    @Test
    void eventsOfDifferentAggregatesAboutOneInstitutionShareOneSequence() {
        InstitutionId institution = UuidId.generate(InstitutionId::new);
        ChildRef child = UuidId.generate(ChildRef::new);
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        var fromInstitution = new GenericDomainEventMessage<>("Institution", institution.value(), 7,
                new FilingSuspended(institution, "r", t));
        var fromChild = new GenericDomainEventMessage<>("Child", child.value(), 0,
                new ChildRegistered(child, institution, YearMonth.of(2025, 1), t));
        var fromDay = new GenericDomainEventMessage<>("AttendanceDay", institution.value() + "/2026-03-01", 0,
                new AttendanceRecorded(institution, LocalDate.of(2026, 3, 1), List.of(), t),
                MetaData.with("institutionId", institution.value()));
        assertThat(policy.getSequenceIdentifierFor(fromChild)).isEqualTo(institution.value())
                .isEqualTo(policy.getSequenceIdentifierFor(fromInstitution))
                .isEqualTo(policy.getSequenceIdentifierFor(fromDay));
        var other = new GenericDomainEventMessage<>("Institution", UuidId.generate(InstitutionId::new).value(), 0,
                new FilingSuspended(UuidId.generate(InstitutionId::new), "r", t));
        assertThat(policy.getSequenceIdentifierFor(other)).isNotEqualTo(institution.value());
    }
}
