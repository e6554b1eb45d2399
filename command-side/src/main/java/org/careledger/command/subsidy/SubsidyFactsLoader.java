package org.careledger.command.subsidy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.careledger.command.attendance.SubmitAttendance;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingRevoked;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.InstitutionDeregistered;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.command.enrolment.EnrolmentRegistry;
import org.springframework.stereotype.Component;

/**
 * Reads the events a subsidy rests on from the event store (no read model in between, so a
 * decision follows from the record itself): the institution's stream from its first event with its enrolments' own streams, and
 * the attendance day of each day of the period. Blocking JDBC: called on the command bus's threads
 * or a bounded scheduler, never on an event loop.
 */
@Component
class SubsidyFactsLoader {

    private final EventStore events;
    private final EnrolmentRegistry enrolments;

    SubsidyFactsLoader(EventStore events, EnrolmentRegistry enrolments) {
        this.events = events;
        this.enrolments = enrolments;
    }

    SubsidyFacts load(InstitutionId institution, LocalDate from, LocalDate to, Instant asOf) {
        List<DomainEventMessage<?>> own = new ArrayList<>(events.readEvents(institution.value(), 0).asStream().toList());
        // enrolments are aggregates of their own since ADR 0023: their events after the split are in
        // their own streams (those before it are in the institution's, and their own streams start after them)
        for (EnrolmentId enrolment : enrolments.enrolmentsOf(institution)) {
            events.readEvents(enrolment.value(), 0).asStream().forEach(own::add);
        }
        // one history in the order it was recorded (stable: the institution's own order is kept for equal times)
        own.sort(Comparator.comparing(DomainEventMessage::getTimestamp));
        List<DomainEventMessage<?>> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            events.readEvents(SubmitAttendance.dayId(institution, d), 0).asStream().forEach(days::add);
        }
        return SubsidyFacts.from(own, days, asOf);
    }

    /** Another institution as a chain member: filed (and not ended) as recorded up to {@code asOf}, and where. */
    SubsidyEngine.ChainMember chainMember(String institutionId, Instant asOf) {
        boolean filed = false;
        String division = null;
        String eventId = null;
        List<? extends DomainEventMessage<?>> stream = events.readEvents(institutionId, 0).asStream().toList();
        for (DomainEventMessage<?> m : stream) {
            if (m.getTimestamp().isAfter(asOf)) {
                break;
            }
            Object p = m.getPayload();
            if (p instanceof FilingSubmitted s) {
                division = s.division().value();
            } else if (p instanceof FilingApproved) {
                filed = true;
                eventId = m.getIdentifier();
            } else if (p instanceof FilingRevoked || p instanceof InstitutionDeregistered) {
                filed = false;
            }
        }
        return new SubsidyEngine.ChainMember(institutionId, filed, division, eventId);
    }
}
