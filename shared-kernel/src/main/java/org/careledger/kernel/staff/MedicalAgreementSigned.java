package org.careledger.kernel.staff;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;
import org.careledger.kernel.value.CreditCode;

/** The institution signed a medical agreement (医育结合签约); the partner is public information. */
@DomainEvent
@Revision("1")
public record MedicalAgreementSigned(InstitutionId institutionId, String partnerName, CreditCode partnerCreditCode,
                                     LocalDate signedOn, LocalDate validUntil, Instant occurredAt)
        implements InstitutionEvent {
}
