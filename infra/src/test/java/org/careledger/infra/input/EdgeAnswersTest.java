package org.careledger.infra.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 12 §2: answers at the edges. Refusals raised below the application are problem+json with a
 * code; a malformed identifier gets the same answer wherever it appears; a command that changes
 * nothing appends nothing; two open classes may not share a name.
 */
class EdgeAnswersTest extends OperatorInputTest {

    @LocalServerPort
    int port;

    /** A raw HTTP/1.1 exchange, for requests no HTTP client would send: status line, headers and body. */
    private String raw(String requestLine, String... headers) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static void assertProblem(String answer, int status, String code) {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(answer).contains("\"code\":\"" + code + "\"");
    }

    @Test
    void badPercentEncodingIsAProblemWithACode() throws Exception {
        assertProblem(raw("GET /api/v1/public/institutions/%zz HTTP/1.1"), 400, "MALFORMED_REQUEST");
        assertProblem(raw("GET /api/v1/public/institutions?name=%G1 HTTP/1.1"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void aNulInThePathIsAProblemWithACode() throws Exception {
        assertProblem(raw("GET /api/v1/children/%00/personal-data?purpose=INSPECTION HTTP/1.1"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void aHundredKilobyteQueryStringIs414WithAProblem() throws Exception {
        assertProblem(raw("GET /api/v1/public/institutions?q=" + "a".repeat(100_000) + " HTTP/1.1"), 414, "URI_TOO_LONG");
        assertProblem(raw("GET /api/v1/public/institutions?q=" + "a".repeat(9_000) + " HTTP/1.1"), 414, "URI_TOO_LONG");
    }

    @Test
    void oversizedHeadersAre431WithAProblem() throws Exception {
        assertProblem(raw("GET /api/v1/public/institutions HTTP/1.1", "X-Big: " + "b".repeat(20_000)), 431, "HEADERS_TOO_LARGE");
    }

    @Test
    void theFirewallsRefusalsAreProblemsToo() throws Exception {
        assertProblem(raw("GET /api/v1/public/institutions/a%2F..%2Fb HTTP/1.1"), 400, "MALFORMED_REQUEST");
        assertProblem(raw("GET /api/v1/public/institutions;jsessionid=1 HTTP/1.1"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void aFormWhereJsonIsExpectedIs415WithAProblem() {
        client.post().uri("/api/v1/institutions/" + institutionId + "/classes").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("name=x&places=5")
                .exchange().expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aMalformedIdentifierGetsTheSameAnswerOnEveryPath() {
        String officer = tokens.officer("3708");
        String admin = tokens.admin();
        String bad = "6F1D3C2A-9A43-4F5E-9A51-3C1F0F6E2B11"; // upper case: not the canonical form
        List<String[]> paths = List.of(
                new String[] {operator, "POST", "/api/v1/institutions/" + bad + "/classes"},
                new String[] {operator, "POST", "/api/v1/institutions/" + institutionId + "/classes/" + bad + "/resize"},
                new String[] {officer, "POST", "/api/v1/subsidies/" + bad + "/payment"},
                new String[] {officer, "POST", "/api/v1/subsidies/1-1-1-1-1/decision"},
                new String[] {admin, "POST", "/api/v1/inspections/" + bad + "/orders/R1/verification"},
                new String[] {admin, "POST", "/api/v1/inspections/" + UUID.randomUUID() + "/orders/X9/verification"},
                new String[] {admin, "POST", "/api/v1/children/" + bad + "/health-checks"},
                new String[] {admin, "GET", "/api/v1/children/" + bad + "/personal-data?purpose=INSPECTION"},
                new String[] {admin, "GET", "/api/v1/inspector/institutions/" + bad + "/history"},
                new String[] {admin, "GET", "/api/v1/inspector/institutions/" + bad + "/export"},
                new String[] {admin, "GET", "/api/v1/subsidies/" + bad + "/explanation"});
        long before = events.total();
        for (String[] p : paths) {
            WebTestClient.RequestBodySpec spec = client.method(org.springframework.http.HttpMethod.valueOf(p[1]))
                    .uri(java.net.URI.create("http://localhost:" + port + p[2])).headers(h -> h.setBearerAuth(p[0]));
            WebTestClient.ResponseSpec response = "POST".equals(p[1])
                    ? spec.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange() : spec.exchange();
            response.expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code").value(code -> assertThat(code).as(p[2]).isIn("INVALID_IDENTIFIER", "MALFORMED_REQUEST"))
                    .jsonPath("$.errors[0].code").value(code -> assertThat(code).as(p[2]).isEqualTo("INVALID_IDENTIFIER"));
        }
        client.post().uri("/api/v1/institutions/" + institutionId + "/enrolments").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("childRef", bad, "classId", UUID.randomUUID().toString()))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'childRef')].code").isEqualTo("INVALID_IDENTIFIER");
        assertThat(events.total()).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void resizingToTheCurrentSizeAppendsNothingAndTwoOpenClassesCannotShareAName() {
        new Filings(client).file(operator, Filings.body(Filings.freshCreditCode(), "班级测试托育中心"));
        String base = "/api/v1/institutions/" + institutionId + "/classes";
        Map<String, Object> opened = client.post().uri(base).headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "托大班", "classType", "OLDER_TODDLER", "places", 20))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String classId = (String) opened.get("id");
        // (the licence check appends its own events in the background: count the filing's)
        int count = events.filingEventsFor(institutionId);
        Map<String, Object> same = client.post().uri(base + "/" + classId + "/resize").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("places", 20))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Number) same.get("position")).longValue()).isGreaterThanOrEqualTo(((Number) opened.get("position")).longValue());
        assertThat(events.filingEventsFor(institutionId)).isEqualTo(count);
        assertThat(events.typesFor(institutionId)).doesNotContain("ClassResized");

        client.post().uri(base).headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", " 托大班 ", "classType", "OLDER_TODDLER", "places", 10))
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("CLASS_NAME_TAKEN");
        assertThat(events.filingEventsFor(institutionId)).isEqualTo(count);
    }
}
