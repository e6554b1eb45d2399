package org.careledger.kernel.licence;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** A filing certificate (备案回执) was issued as an electronic licence: its canonical content and Ed25519 signature. See docs/e-license.md for the number layout and the signed form. */
@DomainEvent
@Revision("1")
public record FilingCertificateIssued(InstitutionId institutionId, String certificateNumber, String filingNumber, String institutionName, String creditCode, String division, String issuerCreditCode, Instant issuedAt, String keyId, String signature, Instant occurredAt) implements InstitutionEvent {
}
