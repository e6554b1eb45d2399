package org.careledger.infra.security;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Forged and over-long tokens are refused with 401 on an administrator-only endpoint; the same
 * claims correctly signed with the local issuer's key are accepted (the control: the forgeries
 * fail because of what is forged, not because the probe is wrong).
 */
class TokenForgeryTest extends IntegrationTest {

    private static final String PROBE = "/api/v1/admin/projections";

    @Autowired
    WebTestClient client;
    @Autowired
    LocalSigningKey key;

    private WebTestClient.ResponseSpec probe(String token) {
        return client.get().uri(PROBE).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private void refused(String token) {
        probe(token).expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aCorrectlySignedTokenIsAccepted() {
        probe(ForgedTokens.rs256(key.privateKey(), "careledger-local", ForgedTokens.adminClaims(Instant.now()).build()))
                .expectStatus().isOk();
    }

    @Test
    void algNoneIsRefused() {
        refused(ForgedTokens.unsigned(ForgedTokens.adminClaims(Instant.now()).build()));
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() {
        refused(ForgedTokens.hs256(key.publicKey().getEncoded(), ForgedTokens.adminClaims(Instant.now()).build()));
    }

    @Test
    void aTokenSignedWithAnUnknownKeyIsRefused() {
        refused(ForgedTokens.rs256(ForgedTokens.unknownKey(), "careledger-local", ForgedTokens.adminClaims(Instant.now()).build()));
    }

    @Test
    void anIssuedTokenWithTamperedClaimsIsRefused() {
        String inspector = new Tokens(client).inspector("3708");
        client.get().uri(PROBE).headers(h -> h.setBearerAuth(inspector)).exchange().expectStatus().isForbidden();
        Map<String, Object> claims = new LinkedHashMap<>(ForgedTokens.payload(inspector));
        claims.put("role", "ADMIN");
        refused(ForgedTokens.tampered(inspector, claims));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        Instant now = Instant.now();
        refused(ForgedTokens.rs256(key.privateKey(), "careledger-local",
                ForgedTokens.adminClaims(now).expirationTime(null).build()));
    }

    @Test
    void aTokenLivingLongerThanTheCapIsRefused() {
        Instant now = Instant.now();
        // the cap is 12 hours by default
        refused(ForgedTokens.rs256(key.privateKey(), "careledger-local",
                ForgedTokens.adminClaims(now).expirationTime(Date.from(now.plusSeconds(13 * 3600))).build()));
        // without iat, the expiry itself must lie within the cap
        refused(ForgedTokens.rs256(key.privateKey(), "careledger-local",
                ForgedTokens.adminClaims(now).issueTime(null).expirationTime(Date.from(now.plusSeconds(13 * 3600))).build()));
        // an iat in the future does not stretch it either
        refused(ForgedTokens.rs256(key.privateKey(), "careledger-local",
                ForgedTokens.adminClaims(now).issueTime(Date.from(now.plusSeconds(6 * 3600)))
                        .expirationTime(Date.from(now.plusSeconds(17 * 3600))).build()));
    }

    @Test
    void theClockSkewAllowedIsAtMostThirtySeconds() {
        Instant now = Instant.now();
        // expired 45 s ago: Spring's default skew (60 s) would accept it
        refused(ForgedTokens.rs256(key.privateKey(), "careledger-local",
                ForgedTokens.adminClaims(now.minusSeconds(3600)).expirationTime(Date.from(now.minusSeconds(45))).build()));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        refused(ForgedTokens.rs256(key.privateKey(), "careledger-local",
                ForgedTokens.adminClaims(Instant.now()).issuer("https://elsewhere.example").build()));
    }
}
