package org.careledger.infra.security;

import java.util.Locale;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.Jurisdiction;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Supplies a {@link Caller} to any controller method that declares one, built from the verified
 * bearer token's claims. A token whose claims do not make a valid caller is refused (401).
 */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
                                        ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> (Object) toCaller(((JwtAuthenticationToken) auth).getToken()))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.UNAUTHENTICATED,
                        "A valid bearer token is required")));
    }

    static Caller toCaller(Jwt jwt) {
        try {
            Role role = Role.valueOf(jwt.getClaimAsString(TokenClaims.ROLE).toUpperCase(Locale.ROOT));
            if (role == Role.SYSTEM) {
                throw new IllegalArgumentException("SYSTEM is not a token role");
            }
            String institution = jwt.getClaimAsString(TokenClaims.INSTITUTION_ID);
            String division = jwt.getClaimAsString(TokenClaims.DIVISION);
            return new Caller(jwt.getSubject(), role,
                    role == Role.OPERATOR && institution != null ? new InstitutionId(institution) : null,
                    (role == Role.INSPECTOR || role == Role.SUBSIDY_OFFICER) && division != null
                            ? Jurisdiction.of(division) : null);
        } catch (RuntimeException e) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED,
                    "The token's claims do not name a valid role with its institution or division");
        }
    }
}
