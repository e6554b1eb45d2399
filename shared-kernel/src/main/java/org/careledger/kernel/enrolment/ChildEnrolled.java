package org.careledger.kernel.enrolment;

import java.time.Instant;
import java.time.YearMonth;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.ClassType;

/**
 * A child was enrolled into a class under a service contract. The birth month (not the date) is
 * carried because age bands, age-out and subsidies depend on it.
 */
@Revision("1")
public record ChildEnrolled(InstitutionId institutionId, EnrolmentId enrolmentId, ChildRef childRef, ClassId classId,
                            ClassType classType, YearMonth birthMonth, ServiceContract contract, Instant occurredAt)
        implements InstitutionEvent {
}
