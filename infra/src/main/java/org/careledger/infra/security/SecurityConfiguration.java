package org.careledger.infra.security;

import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import org.careledger.infra.store.CareLedgerDataDirectory;
import org.careledger.infra.web.ProblemMapper;
import org.careledger.infra.web.ProblemWebExceptionHandler;
import org.careledger.kernel.error.ErrorCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * JWT resource server. Public paths need no token; everything else needs a valid bearer token.
 * Role and jurisdiction are enforced where the data is: controllers require roles through the
 * resolved {@link org.careledger.kernel.security.Caller}, aggregates and queries check jurisdiction.
 *
 * <p>With the embedded default, tokens are signed by the local issuer's key from the data
 * directory. Otherwise configure Spring's standard
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties (issuer-uri, jwk-set-uri or
 * public-key-location) for the real identity provider.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    static final String[] OPEN_PATHS = {
            "/api/v1/public/**", "/api/v1/dev/tokens",
            // authenticated by the platform's HMAC signature instead of a JWT
            "/api/v1/integration/e-license/notifications",
            // exists only when the simulator is enabled (embedded default)
            "/simulator/e-license/**",
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemWebExceptionHandler problems) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            String role = jwt.getClaimAsString(TokenClaims.ROLE);
            return role == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + role));
        });
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(ex -> ex
                        .pathMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .pathMatchers(OPEN_PATHS).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter)))
                        .authenticationEntryPoint((exchange, e) -> problems.write(exchange.getResponse(),
                                ProblemMapper.problem(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required",
                                        List.of(), exchange.getRequest().getPath().value())))
                        .accessDeniedHandler((exchange, e) -> problems.write(exchange.getResponse(),
                                ProblemMapper.problem(ErrorCode.FORBIDDEN_ROLE, "The caller may not do this",
                                        List.of(), exchange.getRequest().getPath().value()))))
                .exceptionHandling(eh -> eh
                        .authenticationEntryPoint((exchange, e) -> problems.write(exchange.getResponse(),
                                ProblemMapper.problem(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required",
                                        List.of(), exchange.getRequest().getPath().value()))))
                .build();
    }

    /** Key material and codecs of the local token issuer (embedded default only). */
    @Configuration(proxyBeanMethods = false)
    @Conditional(LocalTokenIssuerCondition.class)
    static class LocalIssuerKeys {

        @Bean
        LocalSigningKey localSigningKey(CareLedgerDataDirectory dataDirectory) {
            return LocalSigningKey.loadOrCreate(dataDirectory.resolve("keys"));
        }

        @Bean
        ReactiveJwtDecoder jwtDecoder(LocalSigningKey key) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(key.publicKey()).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    new JwtTimestampValidator(), new JwtIssuerValidator(TokenClaims.ISSUER)));
            return decoder;
        }

        @Bean
        JwtEncoder jwtEncoder(LocalSigningKey key) {
            RSAKey jwk = new RSAKey.Builder(key.publicKey()).privateKey(key.privateKey()).keyID("careledger-local").build();
            return new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(jwk)));
        }
    }
}
