package org.careledger.infra.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Tokens from a real identity provider (OIDC discovery and a JWKS, served by this test on a
 * random port), its claim names mapped to CareLedger's by configuration only, and key rotation:
 * a token signed with a newly published key is accepted, one signed with the retired key is not.
 */
class IdentityProviderTest {

    private static HttpServer idp;
    private static String issuer;
    private static final List<JWK> published = new CopyOnWriteArrayList<>();
    private static ConfigurableApplicationContext app;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/careledger";
        idp.createContext("/realms/careledger/.well-known/openid-configuration", exchange -> answer(exchange,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\","
                        + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        idp.createContext("/realms/careledger/protocol/openid-connect/certs",
                exchange -> answer(exchange, new JWKSet(List.copyOf(published)).toString(true)));
        idp.start();
        app = StandaloneApp.start(
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                "--careledger.security.claims.role=realm_access.roles",
                "--careledger.security.claims.role-values.cl-admin=ADMIN",
                "--careledger.security.claims.role-values.cl-inspector=INSPECTOR",
                "--careledger.security.claims.division=jurisdiction");
        client = StandaloneApp.client(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (idp != null) {
            idp.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    record Key(String kid, RSAPrivateKey privateKey, RSAKey publicJwk) {
        static Key generate(String kid) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                return new Key(kid, (RSAPrivateKey) pair.getPrivate(),
                        new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        String sign(JWTClaimsSet claims) {
            return ForgedTokens.rs256(privateKey, kid, claims);
        }
    }

    private static JWTClaimsSet.Builder claims(String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("kc-" + java.util.UUID.randomUUID())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("realm_access", Map.of("roles", List.of(roles)));
    }

    private static WebTestClient.ResponseSpec get(String uri, String token) {
        return client.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    @Test
    void providerTokensAreMappedByConfigurationAndKeysRotate() {
        // the local issuer is off once an identity provider is configured, even on loopback
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "ADMIN")).exchange().expectStatus().isNotFound();

        Key first = Key.generate("key-2026-1");
        published.add(first.publicJwk());
        get("/api/v1/admin/projections", first.sign(claims("offline_access", "cl-admin").build())).expectStatus().isOk();

        // the provider's role values map to CareLedger roles; a token's own "role" claim counts for
        // nothing: without a mapped role the token names no valid caller
        get("/api/v1/admin/projections", first.sign(claims("offline_access").claim("role", "ADMIN").build()))
                .expectStatus().isUnauthorized();
        get("/actuator/prometheus", first.sign(claims("offline_access").claim("role", "ADMIN").build()))
                .expectStatus().isForbidden();
        String inspector = first.sign(claims("cl-inspector").claim("jurisdiction", "3708").build());
        get("/api/v1/supervision/institutions?division=3708", inspector).expectStatus().isOk();
        get("/api/v1/supervision/institutions?division=1404", inspector).expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("NOT_IN_JURISDICTION");

        // the provider's tokens must expire too, and come from the configured issuer
        get("/api/v1/admin/projections", first.sign(claims("cl-admin").expirationTime(null).build()))
                .expectStatus().isUnauthorized();
        get("/api/v1/admin/projections", first.sign(claims("cl-admin").issuer("http://127.0.0.1:1/other").build()))
                .expectStatus().isUnauthorized();

        // rotation: the provider publishes a new key and retires the old one
        Key second = Key.generate("key-2026-2");
        published.clear();
        published.add(second.publicJwk());
        get("/api/v1/admin/projections", second.sign(claims("cl-admin").build())).expectStatus().isOk();
        get("/api/v1/admin/projections", first.sign(claims("cl-admin").build())).expectStatus().isUnauthorized();
        // a key never published is refused as well
        get("/api/v1/admin/projections", Key.generate("key-2026-2").sign(claims("cl-admin").build()))
                .expectStatus().isUnauthorized();
    }
}
