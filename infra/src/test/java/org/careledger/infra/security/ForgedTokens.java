package org.careledger.infra.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Builds tokens an attacker could build, and one correctly signed token as the control. */
final class ForgedTokens {

    private ForgedTokens() {
    }

    /** Claims of an administrator token from the local issuer, expiring in an hour. */
    static JWTClaimsSet.Builder adminClaims(Instant now) {
        return new JWTClaimsSet.Builder().issuer(TokenClaims.ISSUER).subject("attacker")
                .issueTime(java.util.Date.from(now)).expirationTime(java.util.Date.from(now.plusSeconds(3600)))
                .claim(TokenClaims.ROLE, "ADMIN");
    }

    static String rs256(RSAPrivateKey key, String keyId, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 with the verifier's public key bytes as the HMAC secret (the classic algorithm confusion). */
    static String hs256(byte[] secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}, no signature. */
    static String unsigned(JWTClaimsSet claims) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims.toString()) + ".";
    }

    /** The token with its payload replaced by these claims, signature kept. */
    static String tampered(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        try {
            String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(claims);
            return parts[0] + "." + b64(json) + "." + parts[2];
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> payload(String token) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAPrivateKey unknownKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return (RSAPrivateKey) generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
