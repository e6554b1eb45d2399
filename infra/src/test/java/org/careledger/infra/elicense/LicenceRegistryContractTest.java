package org.careledger.infra.elicense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;

import org.careledger.command.licence.LicenceCheckResult;
import org.careledger.command.licence.LicenceRegistry;
import org.careledger.command.licence.LicenceRegistryUnavailable;
import org.careledger.infra.support.EventRows;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.kernel.licence.LicenceCheckOutcome;
import org.careledger.kernel.value.CreditCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Pins the HTTP adapter's request and its reading of each answer, against the simulator over a
 * real HTTP round trip (the contract of docs/e-license.md).
 */
class LicenceRegistryContractTest extends IntegrationTest {

    @Autowired
    LicenceRegistry registry;
    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theAdapterSendsTheCreditCodeAndLicenceTypeAndReadsEachAnswer() {
        ELicenseSupport simulator = new ELicenseSupport(client, new EventRows(jdbc));
        for (LicenceCheckOutcome outcome : LicenceCheckOutcome.values()) {
            String code = Filings.freshCreditCode();
            simulator.script(code, outcome.name());
            LicenceCheckResult result = registry.verify(CreditCode.parse(code), "JY" + code);
            assertThat(result.outcome()).isEqualTo(outcome);
            Map<?, ?> requests = client.get().uri("/simulator/e-license/requests?creditCode=" + code)
                    .headers(h -> h.setBearerAuth(simulator.admin())).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            Map<?, ?> last = (Map<?, ?>) requests.get("lastRequest");
            assertThat(last.get("creditCode")).isEqualTo(code);
            assertThat(last.get("licenceType")).isEqualTo("BUSINESS_LICENCE");
            assertThat(last.get("licenceNumber")).isEqualTo("JY" + code);
            if (outcome == LicenceCheckOutcome.VALID) {
                assertThat(result.licenceNumber()).isEqualTo("JY" + code);
                assertThat(result.validUntil()).isAfter(LocalDate.now());
            }
            if (outcome == LicenceCheckOutcome.EXPIRED) {
                assertThat(result.validUntil()).isBefore(LocalDate.now());
            }
            if (outcome == LicenceCheckOutcome.UNKNOWN) {
                assertThat(result.licenceNumber()).isNull();
            }
        }
    }

    @Test
    void aPlatformThatIsDownIsReportedAsUnavailable() {
        ELicenseSupport simulator = new ELicenseSupport(client, new EventRows(jdbc));
        simulator.mode(true, 0);
        try {
            assertThatThrownBy(() -> registry.verify(CreditCode.parse(Filings.freshCreditCode()), null))
                    .isInstanceOf(LicenceRegistryUnavailable.class);
        } finally {
            simulator.mode(false, 0);
        }
    }
}
