package org.careledger.command.licence;

import java.time.LocalDate;

import org.careledger.kernel.licence.LicenceCheckOutcome;

/** The platform's answer about one business licence. */
public record LicenceCheckResult(LicenceCheckOutcome outcome, String licenceNumber, String holderName,
                                 LocalDate validFrom, LocalDate validUntil) {
}
