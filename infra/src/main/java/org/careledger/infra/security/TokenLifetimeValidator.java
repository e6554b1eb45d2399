package org.careledger.infra.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens must expire, and not too late: a token without {@code exp} is refused, and so is one
 * whose lifetime ({@code exp - iat}) exceeds the configured maximum, or which expires further in
 * the future than that maximum (so a missing or future-dated {@code iat} cannot stretch it).
 * Whether {@code exp} has passed is {@link org.springframework.security.oauth2.jwt.JwtTimestampValidator}'s job.
 */
public record TokenLifetimeValidator(Duration maxLifetime, Duration clockSkew, Clock clock)
        implements OAuth2TokenValidator<Jwt> {

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant exp = jwt.getExpiresAt();
        if (exp == null) {
            return failure("The token has no expiry (exp)");
        }
        Instant iat = jwt.getIssuedAt();
        if (iat != null && Duration.between(iat, exp).compareTo(maxLifetime) > 0) {
            return failure("The token's lifetime exceeds " + maxLifetime);
        }
        if (Duration.between(clock.instant(), exp).compareTo(maxLifetime.plus(clockSkew)) > 0) {
            return failure("The token expires later than " + maxLifetime + " from now");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
