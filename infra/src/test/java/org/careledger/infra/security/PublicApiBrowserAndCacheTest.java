package org.careledger.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.cors.CorsConfiguration;

/** CORS for browsers on third-party pages, and HTTP caching (ETag, Cache-Control, 304) of public answers. */
class PublicApiBrowserAndCacheTest extends IntegrationTest {

    private static final String ORIGIN = "https://www.example.org";

    @Autowired
    WebTestClient client;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** Over real HTTP: CORS needs the request's own scheme, host and port, which the mock exchange lacks. */
    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void aBrowserPreflightFromAnyOriginIsAllowedForPublicReads() {
        WebTestClient client = http();
        client.options().uri("/api/v1/public/institutions?division=3708")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "if-none-match")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, m -> assertThat(m).contains("GET"));
        client.get().uri("/api/v1/public/certificates/public-key").header(HttpHeaders.ORIGIN, ORIGIN)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, h -> assertThat(h).contains("ETag"));
    }

    @Test
    void otherOriginsMayNotWriteNorReadProtectedPaths() {
        WebTestClient client = http();
        client.options().uri("/api/v1/public/institutions")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden();
        client.options().uri("/api/v1/institutions")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void allowedOriginsAreConfigurable() {
        CorsConfiguration config = SecurityConfiguration.publicCors(new SecurityProperties(null, null, null,
                        new SecurityProperties.Cors(List.of("https://map.example.gov.cn")), null))
                .getCorsConfiguration(MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/public/institutions")));
        assertThat(config).isNotNull();
        assertThat(config.checkOrigin("https://map.example.gov.cn")).isEqualTo("https://map.example.gov.cn");
        assertThat(config.checkOrigin(ORIGIN)).isNull();
        assertThat(SecurityConfiguration.publicCors(new SecurityProperties(null, null, null, null, null))
                .getCorsConfiguration(MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/institutions"))))
                .as("no CORS beyond the public API").isNull();
    }

    @Test
    void publicAnswersCarryAnETagAndAShortMaxAgeAndAnswer304WhenUnchanged() {
        WebTestClient client = http();
        EntityExchangeResult<byte[]> first = client.get().uri("/api/v1/public/certificates/public-key").exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic())
                .expectBody().returnResult();
        String etag = first.getResponseHeaders().getETag();
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(first.getResponseHeaders().getCacheControl()).doesNotContain("no-store");

        client.get().uri("/api/v1/public/certificates/public-key").header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectBody().isEmpty();
        client.get().uri("/api/v1/public/certificates/public-key").header(HttpHeaders.IF_NONE_MATCH, "W/" + etag).exchange()
                .expectStatus().isNotModified();
        client.get().uri("/api/v1/public/certificates/public-key").header(HttpHeaders.IF_NONE_MATCH, "\"something-else\"")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag);
        client.method(HttpMethod.HEAD).uri("/api/v1/public/certificates/public-key").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag);
    }

    @Test
    void aChangedAnswerGetsANewETag() {
        String name = "缓存测试托育中心" + System.nanoTime();
        String uri = "/api/v1/public/institutions?q=" + name;
        String before = client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseHeaders().getETag();

        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String id = java.util.UUID.randomUUID().toString();
        filings.file(tokens.operator(id), Filings.body(Filings.freshCreditCode(), name));
        long position = filings.approve(tokens.inspector("3708"), id).position();

        EntityExchangeResult<String> after = client.get().uri(uri + "&minPosition=" + position)
                .header(HttpHeaders.IF_NONE_MATCH, before).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(after.getResponseBody()).contains(name);
        assertThat(after.getResponseHeaders().getETag()).isNotEqualTo(before);
    }

    @Test
    void refusalsAndProtectedAnswersAreNotCached() {
        client.get().uri("/api/v1/public/institutions?near=not-a-place").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().doesNotExist(HttpHeaders.ETAG)
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, c -> assertThat(c).contains("no-store"));
        String admin = new Tokens(client).admin();
        client.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ETAG)
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, c -> assertThat(c).contains("no-store"));
    }
}
