package org.careledger.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The issuer's and the simulator's exposure when the server listens beyond loopback: off (404,
 * for anyone) unless switched on by their "insecure" properties, and then announced by a WARN
 * banner. Each case starts the whole application on every interface in a data directory of its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class NonLoopbackExposureTest {

    private static final String BANNER = "INSECURE FEATURES FOR TRYING CARELEDGER OUT ARE ON";

    static ConfigurableApplicationContext start(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.address=0.0.0.0"));
        args.addAll(List.of(extra));
        return StandaloneApp.start(args.toArray(String[]::new));
    }

    static WebTestClient client(ConfigurableApplicationContext app) {
        return StandaloneApp.client(app);
    }

    @Test
    void withoutTheFlagsTheIssuerAndTheSimulatorDoNotExistAndTokensMustExpire(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            WebTestClient client = client(app);
            client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("role", "ADMIN")).exchange()
                    .expectStatus().isNotFound();
            client.put().uri("/simulator/e-license/mode").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("down", true, "delayMs", 0)).exchange()
                    .expectStatus().isNotFound();
            client.post().uri("/simulator/e-license/v1/licences/verify").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("creditCode", "x")).exchange()
                    .expectStatus().isNotFound();
            assertThat(app.getBeanNamesForType(LocalTokenIssuer.class)).isEmpty();
            assertThat(app.getBeanNamesForType(org.careledger.infra.elicense.simulator.ELicenseSimulator.class)).isEmpty();

            // tokens are still checked against the local key (no identity provider is configured)
            LocalSigningKey key = app.getBean(LocalSigningKey.class);
            Instant now = Instant.now();
            client.get().uri("/api/v1/admin/projections")
                    .headers(h -> h.setBearerAuth(ForgedTokens.rs256(key.privateKey(), "careledger-local",
                            ForgedTokens.adminClaims(now).expirationTime(null).build())))
                    .exchange().expectStatus().isUnauthorized();
            client.get().uri("/api/v1/admin/projections")
                    .headers(h -> h.setBearerAuth(ForgedTokens.rs256(key.privateKey(), "careledger-local",
                            ForgedTokens.adminClaims(now).build())))
                    .exchange().expectStatus().isOk();
        }
        assertThat(output.getOut()).doesNotContain(BANNER);
    }

    @Test
    void theInsecureFlagsSwitchThemOnWithABanner(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start(
                "--" + DevExposure.ISSUER_FLAG + "=true", "--" + DevExposure.SIMULATOR_FLAG + "=true")) {
            WebTestClient client = client(app);
            Map<?, ?> admin = client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("role", "ADMIN")).exchange()
                    .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            client.get().uri("/simulator/e-license/requests").exchange().expectStatus().isUnauthorized();
            client.get().uri("/simulator/e-license/requests").headers(h -> h.setBearerAuth((String) admin.get("token")))
                    .exchange().expectStatus().isOk();
        }
        assertThat(output.getOut()).contains(BANNER).contains("local token issuer").contains("e-license simulator")
                .contains("NOT loopback");
    }
}
