package org.careledger.kernel.enrolment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;
import org.careledger.kernel.value.ClassType;

/**
 * A child was enrolled into a class under a service contract. The birth date is carried because
 * age bands, age-out and age-dependent subsidies are counted to the day (docs/domain.md, rule A1;
 * ADR 0022). Revision 1 carried the birth month only: such events read with {@code birthDate}
 * null, and their ages are counted from the month's first day ({@link org.careledger.kernel.child.ChildAge#of}).
 */
@DomainEvent
@Revision("2")
public record ChildEnrolled(InstitutionId institutionId, EnrolmentId enrolmentId, ChildRef childRef, ClassId classId,
                            ClassType classType, YearMonth birthMonth, ServiceContract contract, Instant occurredAt,
                            LocalDate birthDate) implements InstitutionEvent {

    /** An enrolment whose child's birth date is not known (revision 1 records, tests). */
    public ChildEnrolled(InstitutionId institutionId, EnrolmentId enrolmentId, ChildRef childRef, ClassId classId,
                         ClassType classType, YearMonth birthMonth, ServiceContract contract, Instant occurredAt) {
        this(institutionId, enrolmentId, childRef, classId, classType, birthMonth, contract, occurredAt, null);
    }

    /** The child's age, to the day when the birth date is known. */
    public org.careledger.kernel.child.ChildAge age() {
        return org.careledger.kernel.child.ChildAge.of(birthDate, birthMonth);
    }
}
