package org.careledger.infra.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import org.careledger.infra.store.CareLedgerDataDirectory;
import org.careledger.infra.web.ProblemMapper;
import org.careledger.infra.web.ProblemWebExceptionHandler;
import org.careledger.kernel.error.ErrorCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * JWT resource server. Public paths need no token; everything else needs a valid bearer token.
 * Role and jurisdiction are enforced where the data is: controllers require roles through the
 * resolved {@link org.careledger.kernel.security.Caller}, aggregates and queries check jurisdiction.
 *
 * <p>Without an identity provider, tokens are signed by the local issuer's key from the data
 * directory. Otherwise configure Spring's standard
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} for the
 * real identity provider, and {@code careledger.security.claims.*} for its claim names.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    static final String JWT_PROPERTIES = "spring.security.oauth2.resourceserver.jwt.";

    static final String[] OPEN_PATHS = {
            "/api/v1/public/**",
            // the public pages (PublicPagesController) and their own CSS and script
            "/", "/institution/*", "/certificate", "/assets/**",
            // exists only while DevExposure allows it; otherwise 404 for everyone
            "/api/v1/dev/tokens",
            // authenticated by the platform's HMAC signature instead of a JWT
            "/api/v1/integration/e-license/notifications",
            "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/v3/api-docs.yaml/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};

    /** Operational endpoints that reveal the system's internals: administrators only. */
    static final String[] ADMIN_PATHS = {"/actuator", "/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**"};

    /** The simulator's stand-in for a platform's verification API, called by this application's own adapter. */
    static final String SIMULATOR_VERIFY = "/simulator/e-license/v1/licences/verify";

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemWebExceptionHandler problems,
                                                  Environment env, SecurityProperties properties) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            String role = jwt.getClaimAsString(TokenClaims.ROLE);
            return role == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + role));
        });
        boolean simulator = DevExposure.simulatorEnabled(env);
        // the same problems whether the token is refused by the resource server or by the filter chain
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> problems.write(exchange.getResponse(),
                ProblemMapper.problem(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required",
                        List.of(), exchange.getRequest().getPath().value()));
        ServerAccessDeniedHandler denied = (exchange, e) -> problems.write(exchange.getResponse(),
                ProblemMapper.problem(ErrorCode.FORBIDDEN_ROLE, "The caller may not do this",
                        List.of(), exchange.getRequest().getPath().value()));
        return http
                .cors(cors -> cors.configurationSource(publicCors(properties)))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(ex -> {
                    ex.pathMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                            .pathMatchers(OPEN_PATHS).permitAll()
                            .pathMatchers(ADMIN_PATHS).hasRole("ADMIN");
                    if (simulator) {
                        // scripting the simulator changes what the application believes about licences
                        ex.pathMatchers(HttpMethod.POST, SIMULATOR_VERIFY).permitAll()
                                .pathMatchers("/simulator/**").hasRole("ADMIN");
                    } else {
                        // not mapped: 404 for everyone, as if it had never existed
                        ex.pathMatchers("/simulator/**").permitAll();
                    }
                    ex.anyExchange().authenticated();
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(eh -> eh
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .build();
    }

    /**
     * Browsers may read the public API from any page (or from the configured origins): GET and
     * HEAD, no credentials, the caching headers exposed. Nothing else is open to other origins.
     */
    static CorsConfigurationSource publicCors(SecurityProperties properties) {
        CorsConfiguration config = new CorsConfiguration();
        // "*" answers Access-Control-Allow-Origin: * (no credentials), which shared caches handle best
        config.setAllowedOrigins(properties.cors().allowedOrigins());
        config.setAllowedMethods(List.of("GET", "HEAD"));
        config.addAllowedHeader("*");
        config.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.CACHE_CONTROL, HttpHeaders.RETRY_AFTER,
                HttpHeaders.CONTENT_DISPOSITION, "Next-Cursor"));
        config.setAllowCredentials(false);
        config.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v1/public/**", config);
        return source;
    }

    /**
     * Verifies bearer tokens: with {@code jwk-set-uri} or {@code issuer-uri} configured, those of
     * the identity provider (its claims mapped by {@link ClaimMapping}); otherwise those signed with
     * the local issuer's key. Either way a token must expire, within the configured maximum
     * lifetime, and the clock skew allowed is {@code careledger.security.clock-skew} (30 s).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(Environment env, SecurityProperties properties, ObjectProvider<LocalSigningKey> localKey) {
        String jwkSetUri = env.getProperty(JWT_PROPERTIES + "jwk-set-uri");
        String issuerUri = env.getProperty(JWT_PROPERTIES + "issuer-uri");
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        validators.add(new TokenLifetimeValidator(properties.maxTokenLifetime(), properties.clockSkew(), Clock.systemUTC()));
        NimbusReactiveJwtDecoder decoder;
        if (hasText(jwkSetUri) || hasText(issuerUri)) {
            NimbusReactiveJwtDecoder.JwkSetUriReactiveJwtDecoderBuilder builder = hasText(jwkSetUri)
                    ? NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri.trim())
                    : NimbusReactiveJwtDecoder.withIssuerLocation(issuerUri.trim());
            String algorithms = env.getProperty(JWT_PROPERTIES + "jws-algorithms");
            if (hasText(algorithms)) {
                builder.jwsAlgorithms(set -> {
                    for (String a : algorithms.split(",")) {
                        set.add(SignatureAlgorithm.from(a.trim()));
                    }
                });
            }
            decoder = builder.build();
            if (hasText(issuerUri)) {
                validators.add(new JwtIssuerValidator(issuerUri.trim()));
            }
            String audiences = env.getProperty(JWT_PROPERTIES + "audiences");
            if (hasText(audiences)) {
                List<String> allowed = Arrays.stream(audiences.split(",")).map(String::trim).toList();
                validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.stream().anyMatch(allowed::contains)));
            }
            decoder.setClaimSetConverter(new ClaimMapping(properties.claims()));
        } else {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(localKey.getObject().publicKey()).build();
            validators.add(new JwtIssuerValidator(TokenClaims.ISSUER));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * The local issuer's RSA key, made on first use only (not at all when an identity provider is
     * configured). With external stores every instance must verify the same tokens, so the key is
     * then required configuration (ADR 0024).
     */
    @Bean
    @Lazy
    LocalSigningKey localSigningKey(CareLedgerDataDirectory dataDirectory, Environment env) {
        String configured = env.getProperty(LOCAL_SIGNING_KEY);
        if (hasText(configured)) {
            return LocalSigningKey.fromPkcs8(configured);
        }
        if (hasText(env.getProperty("spring.datasource.url"))) {
            throw new IllegalStateException(LOCAL_SIGNING_KEY + " is required with external stores when no identity provider "
                    + "is configured (" + JWT_PROPERTIES + "issuer-uri or jwk-set-uri): every instance must verify the same "
                    + "tokens (an RSA private key, base64 PKCS#8; see docs/scale-out.md)");
        }
        return LocalSigningKey.loadOrCreate(dataDirectory.resolve("keys"));
    }

    /** The local issuer's key, shared by every instance (base64 PKCS#8 RSA). */
    static final String LOCAL_SIGNING_KEY = "careledger.security.local-signing-key";

    /** Signing side of the local token issuer (only while it exists). */
    @Bean
    @Conditional(LocalTokenIssuerCondition.class)
    JwtEncoder jwtEncoder(LocalSigningKey key) {
        RSAKey jwk = new RSAKey.Builder(key.publicKey()).privateKey(key.privateKey()).keyID("careledger-local").build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(jwk)));
    }
}
