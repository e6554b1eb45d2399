package org.careledger.infra.security;

/** Claim names of CareLedger bearer tokens (API.md: role, institutionId, division). */
public final class TokenClaims {
    public static final String ROLE = "role";
    public static final String INSTITUTION_ID = "institutionId";
    public static final String DIVISION = "division";
    public static final String ISSUER = "careledger-local";

    private TokenClaims() {
    }
}
