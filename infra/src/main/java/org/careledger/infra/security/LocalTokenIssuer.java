package org.careledger.infra.security;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.careledger.kernel.error.Violations;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.Jurisdiction;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A token issuer for trying CareLedger out on the embedded default: anyone who can reach it can
 * mint a token for any role, so it exists only when {@link LocalTokenIssuerCondition} holds
 * (loopback only, or switched on by a property that says it is insecure). Callers cannot choose
 * the subject: each token gets a fresh one, and that is the actor events record.
 * Real deployments validate tokens of their own identity provider instead.
 */
@RestController
@Conditional(LocalTokenIssuerCondition.class)
public class LocalTokenIssuer {

    static final Duration VALIDITY = Duration.ofHours(12);

    private final JwtEncoder encoder;
    private final Duration validity;

    LocalTokenIssuer(JwtEncoder encoder, SecurityProperties properties) {
        this.encoder = encoder;
        // never longer than the decoder accepts
        this.validity = VALIDITY.compareTo(properties.maxTokenLifetime()) < 0 ? VALIDITY : properties.maxTokenLifetime();
    }

    /**
     * Request body: role, and institutionId (operators; generated if absent) or division
     * (inspectors, officers). {@code subject} is read only to refuse it: the issuer assigns subjects.
     */
    public record TokenRequest(String role, String institutionId, String division, String subject) {
    }

    public record TokenResponse(String token, String tokenType, Instant expiresAt, String role, String subject,
                                String institutionId, String division) {
    }

    @PostMapping(path = "/api/v1/dev/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<TokenResponse> issue(@RequestBody TokenRequest request) {
        Caller caller = toCaller(request);
        // Signing draws on SecureRandom, which may block: keep it off the event loop.
        return Mono.fromCallable(() -> sign(caller)).subscribeOn(Schedulers.boundedElastic());
    }

    private Caller toCaller(TokenRequest request) {
        Violations v = new Violations();
        Role role = null;
        if (v.required("role", request.role()) != null) {
            try {
                role = Role.valueOf(request.role().trim().toUpperCase(java.util.Locale.ROOT));
                if (role == Role.SYSTEM) {
                    v.add("role", "INVALID_ROLE", "SYSTEM tokens are not issued");
                }
            } catch (IllegalArgumentException e) {
                v.add("role", "INVALID_ROLE", "role must be one of OPERATOR, INSPECTOR, SUBSIDY_OFFICER, ADMIN");
            }
        }
        InstitutionId institution = null;
        Jurisdiction jurisdiction = null;
        if (role == Role.OPERATOR) {
            institution = request.institutionId() == null || request.institutionId().isBlank()
                    ? UuidId.generate(InstitutionId::new)
                    : v.parse("institutionId", () -> new InstitutionId(request.institutionId()));
        }
        if (role == Role.INSPECTOR || role == Role.SUBSIDY_OFFICER) {
            if (v.required("division", request.division()) != null) {
                jurisdiction = v.parse("division", () -> Jurisdiction.requested(request.division()));
            }
        }
        if (request.subject() != null) {
            // a chosen subject would become the actor recorded in events: nobody may pick one
            v.add("subject", "NOT_ALLOWED", "The issuer assigns each token its own subject; do not send one");
        }
        v.throwIfAny();
        String subject = role.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID();
        return new Caller(subject, role, institution, jurisdiction);
    }

    private TokenResponse sign(Caller caller) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(TokenClaims.ISSUER)
                .subject(caller.actorId())
                .issuedAt(now)
                .expiresAt(now.plus(validity))
                .claim(TokenClaims.ROLE, caller.role().name());
        if (caller.institutionId() != null) {
            claims.claim(TokenClaims.INSTITUTION_ID, caller.institutionId().value());
        }
        if (caller.jurisdiction() != null) {
            claims.claim(TokenClaims.DIVISION, caller.jurisdiction().prefix());
        }
        String token = encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build())).getTokenValue();
        return new TokenResponse(token, "Bearer", now.plus(validity), caller.role().name(), caller.actorId(),
                caller.institutionId() == null ? null : caller.institutionId().value(),
                caller.jurisdiction() == null ? null : caller.jurisdiction().prefix());
    }

}
