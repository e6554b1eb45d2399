package org.careledger.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.infra.security.CallerArgumentResolver;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * WebFlux wiring: the {@link CallerArgumentResolver} for controllers on both sides, and the strict
 * JSON decoder for request bodies ({@link StrictJson}). Runs after Spring Boot's own codec
 * customizers (this configurer has the lowest order), so the body size limit still applies.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebFluxConfigurer {

    private final ObjectMapper objectMapper;

    public WebConfiguration(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new CallerArgumentResolver());
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(StrictJson.strictCopyOf(objectMapper)));
    }
}
