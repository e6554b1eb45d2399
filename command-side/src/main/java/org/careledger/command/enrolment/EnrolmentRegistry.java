package org.careledger.command.enrolment;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;

/**
 * The command side's index of enrolments across institutions, written in the command's own
 * transaction: it holds the "one active enrolment per child" constraint (a unique index) and
 * answers which children are enrolled on a day for attendance.
 */
public interface EnrolmentRegistry {

    /**
     * Records a new active enrolment, unless the child (the same person, under any institution's
     * reference) already holds one: then nothing is written and the holding enrolment is returned.
     */
    Optional<Enrolment> claim(Enrolment enrolment);

    /**
     * Takes the institution's place lock for the rest of the command's transaction, then counts the
     * active enrolments of the class and of the institution (rules C2, C3). Every instance's
     * enrolments and transfers into one institution serialise on this lock, so two of them never
     * both see the last place free (ADR 0023).
     */
    Occupancy lockPlaces(InstitutionId institution, ClassId classId);

    /** The institution an enrolment was recorded in, if it is known here (for enrolments recorded before the split). */
    Optional<InstitutionId> institutionOf(EnrolmentId enrolmentId);

    /** Every enrolment ever recorded in the institution (ended ones included), oldest first. */
    List<EnrolmentId> enrolmentsOf(InstitutionId institution);

    /** Active enrolments counted under the place lock: in the class, and in the whole institution. */
    record Occupancy(int inClass, int inInstitution) {
    }

    /** Ends an active enrolment. */
    void end(EnrolmentId enrolmentId, LocalDate endsOn, EnrolmentEndReason reason);

    /** Moves an enrolment to another class. */
    void moveTo(EnrolmentId enrolmentId, ClassId classId);

    /** Enrolments of the institution whose period covers the day (ended ones included). */
    List<Enrolment> coveringDay(InstitutionId institution, LocalDate day);

    /**
     * The last day each child was present in care anywhere (for the re-check after a long
     * absence); children never present are absent from the answer. One query for a whole batch.
     */
    java.util.Map<ChildRef, LocalDate> lastPresentDays(java.util.Collection<ChildRef> children);

    /** Records days the children were present (keeps the latest per child). */
    void recordPresence(java.util.Collection<ChildRef> children, LocalDate day);

    /** Whether the child was ever enrolled in the institution (to tell "outside the contract" from "never enrolled"). */
    boolean everEnrolled(InstitutionId institution, ChildRef child);

    /**
     * Active enrolments whose last day of care (the contract's end, or the day before the child
     * reaches 36 months) lies before {@code today}.
     */
    List<Enrolment> dueToEnd(LocalDate today, int limit);

    /**
     * @param endsOn the last day of care: the contract's end, or the day it ended early
     */
    record Enrolment(EnrolmentId enrolmentId, ChildRef childRef, InstitutionId institutionId, ClassId classId,
                     YearMonth birthMonth, LocalDate startsOn, LocalDate endsOn, boolean active, LocalDate birthDate,
                     String personKey) {

        public Enrolment(EnrolmentId enrolmentId, ChildRef childRef, InstitutionId institutionId, ClassId classId,
                         YearMonth birthMonth, LocalDate startsOn, LocalDate endsOn, boolean active, LocalDate birthDate) {
            this(enrolmentId, childRef, institutionId, classId, birthMonth, startsOn, endsOn, active, birthDate, null);
        }

        public Enrolment(EnrolmentId enrolmentId, ChildRef childRef, InstitutionId institutionId, ClassId classId,
                         YearMonth birthMonth, LocalDate startsOn, LocalDate endsOn, boolean active) {
            this(enrolmentId, childRef, institutionId, classId, birthMonth, startsOn, endsOn, active, null, null);
        }

        /** Who holds the "one active enrolment" slot: the person key, or the reference when none is known. */
        public String holder() {
            return personKey != null ? personKey : "child:" + childRef.value();
        }

        /** The child's age, to the day when the birth date is known. */
        public org.careledger.kernel.child.ChildAge age() {
            return org.careledger.kernel.child.ChildAge.of(birthDate, birthMonth);
        }
    }
}
