package org.careledger.command.enrolment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;

/** The enrolment index in memory, with the same "one active enrolment per child" rule as the table. */
final class InMemoryEnrolmentRegistry implements EnrolmentRegistry {

    final Map<String, Enrolment> rows = new LinkedHashMap<>();

    @Override
    public Optional<Enrolment> claim(Enrolment e) {
        Optional<Enrolment> held = rows.values().stream()
                .filter(r -> r.active() && r.holder().equals(e.holder())).findFirst();
        if (held.isEmpty()) {
            rows.put(e.enrolmentId().value(), e);
        }
        return held;
    }

    @Override
    public Occupancy lockPlaces(InstitutionId institution, ClassId classId) {
        List<Enrolment> active = rows.values().stream().filter(r -> r.active() && r.institutionId().equals(institution)).toList();
        return new Occupancy((int) active.stream().filter(r -> r.classId().equals(classId)).count(), active.size());
    }

    @Override
    public Optional<InstitutionId> institutionOf(EnrolmentId enrolmentId) {
        return Optional.ofNullable(rows.get(enrolmentId.value())).map(Enrolment::institutionId);
    }

    @Override
    public List<EnrolmentId> enrolmentsOf(InstitutionId institution) {
        return rows.values().stream().filter(r -> r.institutionId().equals(institution)).map(Enrolment::enrolmentId).toList();
    }

    @Override
    public void end(EnrolmentId id, LocalDate endsOn, EnrolmentEndReason reason) {
        rows.computeIfPresent(id.value(), (k, r) -> new Enrolment(r.enrolmentId(), r.childRef(), r.institutionId(),
                r.classId(), r.birthMonth(), r.startsOn(), endsOn, false, r.birthDate(), r.personKey()));
    }

    @Override
    public void moveTo(EnrolmentId id, ClassId classId) {
        rows.computeIfPresent(id.value(), (k, r) -> new Enrolment(r.enrolmentId(), r.childRef(), r.institutionId(),
                classId, r.birthMonth(), r.startsOn(), r.endsOn(), r.active(), r.birthDate(), r.personKey()));
    }

    @Override
    public List<Enrolment> coveringDay(InstitutionId institution, LocalDate day) {
        return rows.values().stream().filter(r -> r.institutionId().equals(institution)
                && !r.startsOn().isAfter(day) && !r.endsOn().isBefore(day)).toList();
    }

    final Map<ChildRef, LocalDate> presence = new LinkedHashMap<>();

    @Override
    public Map<ChildRef, LocalDate> lastPresentDays(java.util.Collection<ChildRef> children) {
        Map<ChildRef, LocalDate> days = new LinkedHashMap<>();
        children.stream().filter(presence::containsKey).forEach(c -> days.put(c, presence.get(c)));
        return days;
    }

    @Override
    public void recordPresence(java.util.Collection<ChildRef> children, LocalDate day) {
        children.forEach(c -> presence.merge(c, day, (a, b) -> a.isAfter(b) ? a : b));
    }

    @Override
    public boolean everEnrolled(InstitutionId institution, ChildRef child) {
        return rows.values().stream().anyMatch(r -> r.institutionId().equals(institution) && r.childRef().equals(child));
    }

    @Override
    public List<Enrolment> dueToEnd(LocalDate today, int limit) {
        return new ArrayList<>(rows.values().stream().filter(r -> r.active() && r.endsOn().isBefore(today))
                .limit(limit).toList());
    }
}
