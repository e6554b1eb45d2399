package org.careledger.command.staff;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.CreditCode;

/** Record a medical agreement (医育结合签约) with a named medical institution. */
public record SignMedicalAgreement(@TargetAggregateIdentifier InstitutionId institutionId, String partnerName,
                                   CreditCode partnerCreditCode, LocalDate signedOn, LocalDate validUntil) {
}
