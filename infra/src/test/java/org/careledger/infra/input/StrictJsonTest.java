package org.careledger.infra.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 12 §2: request bodies are read strictly. Duplicate keys, fractions where an integer is
 * expected, and numbers or booleans where text is expected are refused with 400 and the field,
 * and nothing is written.
 */
class StrictJsonTest extends OperatorInputTest {


    private WebTestClient.BodyContentSpec postRaw(String token, String path, String json, int status, String code) {
        return client.post().uri(path).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }

    @Test
    void aDuplicateKeyIsRefusedWith400NotA500() {
        String officer = tokens.officer("3708");
        long before = events.total();
        postRaw(officer, "/api/v1/subsidies/" + UUID.randomUUID() + "/payment",
                "{\"paidOn\":\"2026-12-02\",\"reference\":\"x\",\"paidOn\":\"2026-12-01\"}", 400, "DUPLICATE_KEY")
                .jsonPath("$.errors[0].field").isEqualTo("paidOn");
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/classes",
                "{\"name\":\"a\",\"classType\":\"INFANT\",\"places\":5,\"name\":\"b\"}", 400, "DUPLICATE_KEY")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        assertThat(events.total()).isEqualTo(before);
    }

    @Test
    void aDuplicateKeyInANestedObjectNamesItsPath() {
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/enrolments",
                "{\"childRef\":\"" + UUID.randomUUID() + "\",\"contract\":{\"startsOn\":\"2026-01-01\",\"startsOn\":\"2026-01-02\"}}",
                400, "DUPLICATE_KEY")
                .jsonPath("$.errors[0].field").isEqualTo("contract.startsOn");
    }

    @Test
    void aFractionWhereAnIntegerIsExpectedIsRefused() {
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/classes",
                "{\"name\":\"小班\",\"classType\":\"INFANT\",\"places\":1.5}", 400, "MALFORMED_REQUEST")
                .jsonPath("$.errors[0].field").isEqualTo("places")
                .jsonPath("$.errors[0].code").isEqualTo("WRONG_TYPE");
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/classes/" + UUID.randomUUID() + "/resize",
                "{\"places\":12.0001}", 400, "MALFORMED_REQUEST")
                .jsonPath("$.errors[0].field").isEqualTo("places");
    }

    @Test
    void aFractionalFeeIsRefusedWithItsPath() {
        postRaw(operator, "/api/v1/institutions", """
                {"creditCode":"x","fees":[{"item":"保育费","amountFen":1.5,"unit":"PER_MONTH"}]}""", 400, "MALFORMED_REQUEST")
                .jsonPath("$.errors[0].field").isEqualTo("fees[0].amountFen")
                .jsonPath("$.errors[0].code").isEqualTo("WRONG_TYPE");
    }

    @Test
    void aNumberOrBooleanWhereTextIsExpectedIsRefused() {
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/classes",
                "{\"name\":123,\"classType\":\"INFANT\",\"places\":5}", 400, "MALFORMED_REQUEST")
                .jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[0].code").isEqualTo("WRONG_TYPE");
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/classes",
                "{\"name\":true,\"classType\":\"INFANT\",\"places\":5}", 400, "MALFORMED_REQUEST")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/classes",
                "{\"name\":\"小班\",\"classType\":\"INFANT\",\"places\":\"5\"}", 400, "MALFORMED_REQUEST")
                .jsonPath("$.errors[0].field").isEqualTo("places");
    }

    @Test
    void textOrNumbersWhereABooleanIsExpectedAreRefused() {
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/puhui",
                "{\"granted\":\"true\",\"effectiveFrom\":\"2026-01-01\"}", 400, "MALFORMED_REQUEST")
                .jsonPath("$.errors[0].field").isEqualTo("granted");
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/puhui",
                "{\"granted\":1,\"effectiveFrom\":\"2026-01-01\"}", 400, "MALFORMED_REQUEST")
                .jsonPath("$.errors[0].field").isEqualTo("granted");
    }

    @Test
    void anObjectOrArrayWhereTextIsExpectedIsRefusedWithTheField() {
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/classes",
                "{\"name\":{\"a\":1},\"classType\":\"INFANT\",\"places\":5}", 400, "MALFORMED_REQUEST")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/classes",
                "{\"name\":\"x\",\"classType\":\"INFANT\",\"places\":99999999999999999999}", 400, "MALFORMED_REQUEST")
                .jsonPath("$.errors[0].field").isEqualTo("places");
    }

    @Test
    void malformedJsonIsStillAMalformedRequest() {
        postRaw(operator, "/api/v1/institutions/" + institutionId + "/classes", "{\"name\":", 400, "MALFORMED_REQUEST");
    }
}
