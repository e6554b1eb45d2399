package org.careledger.infra.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token and public-API security settings ({@code careledger.security.*}).
 *
 * @param maxTokenLifetime longest accepted token lifetime ({@code exp - iat}); longer ones are refused
 * @param clockSkew        tolerance on {@code exp}/{@code nbf} between this server's clock and the issuer's
 * @param claims           where an identity provider's tokens carry CareLedger's role, institution and division
 * @param cors             origins allowed to read {@code /api/v1/public/**} from a browser
 * @param publicCacheMaxAge {@code Cache-Control: max-age} of public GET answers
 */
@ConfigurationProperties("careledger.security")
public record SecurityProperties(Duration maxTokenLifetime, Duration clockSkew, Claims claims, Cors cors,
                                 Duration publicCacheMaxAge) {

    public SecurityProperties {
        maxTokenLifetime = maxTokenLifetime == null ? Duration.ofHours(12) : maxTokenLifetime;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        claims = claims == null ? new Claims(null, null, null, null) : claims;
        cors = cors == null ? new Cors(null) : cors;
        publicCacheMaxAge = publicCacheMaxAge == null ? Duration.ofSeconds(30) : publicCacheMaxAge;
    }

    /**
     * Claim names (a dotted path reaches into nested objects, e.g. {@code realm_access.roles}) and
     * the provider's role values mapped to CareLedger roles (a list-valued role claim is searched
     * for the first value that maps).
     */
    public record Claims(String role, String institution, String division, Map<String, String> roleValues) {
        public Claims {
            role = role == null || role.isBlank() ? TokenClaims.ROLE : role.trim();
            institution = institution == null || institution.isBlank() ? TokenClaims.INSTITUTION_ID : institution.trim();
            division = division == null || division.isBlank() ? TokenClaims.DIVISION : division.trim();
            roleValues = roleValues == null ? Map.of() : Map.copyOf(roleValues);
        }
    }

    /** Allowed origins of browser reads of the public API; {@code *} (the default) is any origin. */
    public record Cors(List<String> allowedOrigins) {
        public Cors {
            allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty() ? List.of("*") : List.copyOf(allowedOrigins);
        }
    }
}
