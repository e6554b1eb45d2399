package org.careledger.command.licence;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import io.netty.channel.ChannelOption;
import org.careledger.kernel.licence.LicenceCheckOutcome;
import org.careledger.kernel.value.CreditCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/**
 * {@link LicenceRegistry} over HTTP (the request and answer shapes are in docs/e-license.md),
 * with a connect and a read timeout, retries with exponential backoff for transport errors and
 * 5xx answers, and a {@link CircuitBreaker} so a platform that is down is not hammered.
 */
@Component
public class HttpLicenceRegistry implements LicenceRegistry {

    static final String VERIFY_PATH = "/v1/licences/verify";

    private final WebClient client;
    private final ELicenseProperties properties;
    private final Environment environment;
    private final CircuitBreaker breaker;
    private final ObjectProvider<BuiltInLicencePlatform> builtIn;

    public HttpLicenceRegistry(WebClient.Builder builder, ELicenseProperties properties, Environment environment,
                               ObjectProvider<BuiltInLicencePlatform> builtIn) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.readTimeout());
        this.client = builder.clone().clientConnector(new ReactorClientHttpConnector(http)).build();
        this.properties = properties;
        this.environment = environment;
        this.breaker = new CircuitBreaker(properties.breakerFailures(), properties.breakerOpenFor(), Clock.systemUTC());
        this.builtIn = builtIn;
    }

    /** A platform is configured, or the simulator is built into this instance. */
    @Override
    public boolean canVerify() {
        return !properties.baseUrl().isEmpty() || builtIn.getIfAvailable() != null;
    }

    /** The platform's answer body. */
    record VerifyResponse(String status, String licenceNumber, String holderName, LocalDate validFrom, LocalDate validUntil) {
    }

    @Override
    public LicenceCheckResult verify(CreditCode creditCode, String licenceNumber) {
        if (!breaker.allowsCall()) {
            throw new LicenceRegistryUnavailable("circuit open: the e-license platform failed repeatedly", null);
        }
        try {
            VerifyResponse answer = client.post().uri(baseUrl() + VERIFY_PATH)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .bodyValue(licenceNumber == null
                            ? Map.of("creditCode", creditCode.value(), "licenceType", "BUSINESS_LICENCE")
                            : Map.of("creditCode", creditCode.value(), "licenceType", "BUSINESS_LICENCE",
                                    "licenceNumber", licenceNumber))
                    .retrieve()
                    .bodyToMono(VerifyResponse.class)
                    .timeout(properties.readTimeout())
                    .retryWhen(Retry.backoff(properties.retries(), Duration.ofMillis(200))
                            .filter(HttpLicenceRegistry::transientFailure))
                    .block(properties.readTimeout().multipliedBy(properties.retries() + 2L));
            LicenceCheckResult result = toResult(answer);
            breaker.recordSuccess();
            return result;
        } catch (RuntimeException e) {
            breaker.recordFailure();
            throw new LicenceRegistryUnavailable("e-license platform unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    private static boolean transientFailure(Throwable t) {
        return !(t instanceof WebClientResponseException w) || w.getStatusCode().is5xxServerError();
    }

    private static LicenceCheckResult toResult(VerifyResponse answer) {
        if (answer == null || answer.status() == null) {
            throw new IllegalStateException("the e-license platform answered without a status");
        }
        LicenceCheckOutcome outcome = LicenceCheckOutcome.valueOf(answer.status());
        return new LicenceCheckResult(outcome, answer.licenceNumber(), answer.holderName(), answer.validFrom(),
                answer.validUntil());
    }

    private String baseUrl() {
        if (!properties.baseUrl().isEmpty()) {
            return properties.baseUrl();
        }
        // no platform configured: the simulator built into this application (embedded default)
        return "http://localhost:" + environment.getProperty("local.server.port", "8080") + "/simulator/e-license";
    }
}
