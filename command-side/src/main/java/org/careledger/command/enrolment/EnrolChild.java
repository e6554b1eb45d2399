package org.careledger.command.enrolment;

import org.careledger.kernel.enrolment.ServiceContract;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;

/** Enrol a registered child into a class of the institution under a service contract. */
public record EnrolChild(InstitutionId institutionId, @TargetAggregateIdentifier EnrolmentId enrolmentId,
                         ChildRef childRef, ClassId classId, ServiceContract contract) {
}
