package org.careledger.command.subsidy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.eventhandling.EventMessage;
import org.careledger.kernel.attendance.AttendanceCorrected;
import org.careledger.kernel.attendance.AttendanceEntry;
import org.careledger.kernel.attendance.AttendanceRecorded;
import org.careledger.kernel.enrolment.ChildEnrolled;
import org.careledger.kernel.enrolment.ChildTransferred;
import org.careledger.kernel.enrolment.EnrolmentEnded;
import org.careledger.kernel.filing.ClassClosed;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.ClassResized;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingReinstated;
import org.careledger.kernel.filing.FilingRevoked;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.kernel.filing.InstitutionDeregistered;
import org.careledger.kernel.filing.PuhuiStatusGranted;
import org.careledger.kernel.filing.PuhuiStatusWithdrawn;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.InputRules;

/**
 * What the subsidy rules need to know of an institution, read from its events (each fact keeps the
 * id of the event it rests on): when it was filed, suspended, revoked; its 普惠 status over time;
 * its places; its enrolments with their class over time; who was present on which day.
 */
final class SubsidyFacts {


    record Dated(LocalDate day, String eventId) {
    }

    record Suspension(LocalDate from, LocalDate until, List<String> eventIds) {
    }

    record PuhuiChange(LocalDate from, boolean granted, String eventId) {
    }

    record ClassChange(LocalDate from, ClassType classType, String eventId) {
    }

    record Enrolment(String enrolmentId, String childRef, LocalDate startsOn, LocalDate lastDay,
                     List<ClassChange> classes, List<String> eventIds) {

        /** The class type in effect on the day. */
        ClassType classOn(LocalDate day) {
            ClassType type = classes.get(0).classType();
            for (ClassChange c : classes) {
                if (!c.from().isAfter(day)) {
                    type = c.classType();
                }
            }
            return type;
        }
    }

    record Presence(boolean present, String eventId) {
    }

    String division;
    Dated filed;
    Dated ended;
    final List<Suspension> suspensions = new ArrayList<>();
    final List<PuhuiChange> puhui = new ArrayList<>();
    int placesAtApproval;
    final List<String> placeEventIds = new ArrayList<>();
    final Map<String, Enrolment> enrolments = new LinkedHashMap<>();
    final Map<String, TreeMap<LocalDate, Presence>> attendance = new LinkedHashMap<>();
    private final Map<String, Integer> openPlaces = new LinkedHashMap<>();
    private final Map<String, String> placeEvents = new LinkedHashMap<>();

    static LocalDate day(Instant instant) {
        return instant.atZone(InputRules.ZONE).toLocalDate();
    }

    /** Facts from the institution's events and its attendance days, as recorded up to {@code asOf}. */
    static SubsidyFacts from(List<? extends EventMessage<?>> institution, List<? extends EventMessage<?>> attendance,
                             Instant asOf) {
        SubsidyFacts f = new SubsidyFacts();
        for (EventMessage<?> m : institution) {
            if (!m.getTimestamp().isAfter(asOf)) {
                f.apply(m.getPayload(), m.getIdentifier(), m.getTimestamp());
            }
        }
        for (EventMessage<?> m : attendance) {
            if (!m.getTimestamp().isAfter(asOf)) {
                f.attend(m.getPayload(), m.getIdentifier());
            }
        }
        return f;
    }

    private void apply(Object e, String id, Instant at) {
        if (e instanceof FilingSubmitted s) {
            division = s.division().value();
        } else if (e instanceof ClassOpened c) {
            openPlaces.put(c.classId().value(), c.places());
            placeEvents.put(c.classId().value(), id);
        } else if (e instanceof ClassResized c) {
            openPlaces.put(c.classId().value(), c.places());
            placeEvents.put(c.classId().value(), id);
        } else if (e instanceof ClassClosed c) {
            openPlaces.remove(c.classId().value());
            placeEvents.put(c.classId().value(), id);
        } else if (e instanceof FilingApproved a) {
            filed = new Dated(day(a.occurredAt()), id);
            placesAtApproval = openPlaces.values().stream().mapToInt(Integer::intValue).sum();
            placeEventIds.clear();
            placeEventIds.addAll(placeEvents.values());
            placeEventIds.add(id);
        } else if (e instanceof FilingSuspended s) {
            suspensions.add(new Suspension(day(s.occurredAt()), null, List.of(id)));
        } else if (e instanceof FilingReinstated r && !suspensions.isEmpty()) {
            Suspension open = suspensions.remove(suspensions.size() - 1);
            suspensions.add(new Suspension(open.from(), day(r.occurredAt()).minusDays(1),
                    List.of(open.eventIds().get(0), id)));
        } else if (e instanceof FilingRevoked r) {
            ended = new Dated(day(r.occurredAt()), id);
        } else if (e instanceof InstitutionDeregistered d) {
            ended = new Dated(day(d.occurredAt()), id);
        } else if (e instanceof PuhuiStatusGranted g) {
            puhui.add(new PuhuiChange(g.effectiveFrom(), true, id));
        } else if (e instanceof PuhuiStatusWithdrawn w) {
            puhui.add(new PuhuiChange(w.effectiveFrom(), false, id));
        } else if (e instanceof ChildEnrolled c) {
            LocalDate ageOut = c.age().lastDayOfCare();
            LocalDate last = c.contract().endsOn().isAfter(ageOut) ? ageOut : c.contract().endsOn();
            List<ClassChange> classes = new ArrayList<>(List.of(new ClassChange(c.contract().startsOn(), c.classType(), id)));
            enrolments.put(c.enrolmentId().value(), new Enrolment(c.enrolmentId().value(), c.childRef().value(),
                    c.contract().startsOn(), last, classes, new ArrayList<>(List.of(id))));
        } else if (e instanceof ChildTransferred t) {
            Enrolment en = enrolments.get(t.enrolmentId().value());
            if (en != null) {
                en.classes().add(new ClassChange(t.effectiveOn(), t.toClassType(), id));
                en.eventIds().add(id);
            }
        } else if (e instanceof EnrolmentEnded x) {
            Enrolment en = enrolments.get(x.enrolmentId().value());
            if (en != null) {
                en.eventIds().add(id);
                enrolments.put(en.enrolmentId(), new Enrolment(en.enrolmentId(), en.childRef(), en.startsOn(),
                        x.endsOn(), en.classes(), en.eventIds()));
            }
        }
    }

    private void attend(Object e, String id) {
        if (e instanceof AttendanceRecorded r) {
            for (AttendanceEntry entry : r.entries()) {
                attendance.computeIfAbsent(entry.childRef().value(), k -> new TreeMap<>())
                        .put(r.day(), new Presence(entry.present(), id));
            }
        } else if (e instanceof AttendanceCorrected c) {
            attendance.computeIfAbsent(c.after().childRef().value(), k -> new TreeMap<>())
                    .put(c.day(), new Presence(c.after().present(), id));
        }
    }

    int placesNow() {
        return openPlaces.values().stream().mapToInt(Integer::intValue).sum();
    }

    boolean filedOn(LocalDate day) {
        return filed != null && !filed.day().isAfter(day) && (ended == null || ended.day().isAfter(day));
    }

    boolean suspendedOn(LocalDate day) {
        return suspensions.stream().anyMatch(s -> !s.from().isAfter(day) && (s.until() == null || !s.until().isBefore(day)));
    }

    boolean puhuiOn(LocalDate day) {
        boolean held = false;
        for (PuhuiChange c : puhui.stream().sorted(java.util.Comparator.comparing(PuhuiChange::from)).toList()) {
            if (!c.from().isAfter(day)) {
                held = c.granted();
            }
        }
        return held;
    }
}
