package org.careledger.query.certificate;

/** The signed content of a filing certificate, as the public verification shows it. */
public record CertificateContent(String certificateNumber, String filingNumber, String institutionName,
                                 String creditCode, String division, String issuerCreditCode, String issuedAt) {
}
