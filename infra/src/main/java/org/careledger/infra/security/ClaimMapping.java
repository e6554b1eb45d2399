package org.careledger.infra.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.careledger.kernel.security.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * Maps an identity provider's claims onto CareLedger's ({@link TokenClaims}) as the token is
 * decoded, so the rest of the application reads {@code role}, {@code institutionId} and
 * {@code division} whatever the provider calls them. The CareLedger claims are always replaced
 * by what the configured claims say (or removed), so a token cannot carry its own {@code role}
 * next to the provider's.
 */
public final class ClaimMapping implements Converter<Map<String, Object>, Map<String, Object>> {

    private final MappedJwtClaimSetConverter standard = MappedJwtClaimSetConverter.withDefaults(Map.of());
    private final SecurityProperties.Claims claims;

    public ClaimMapping(SecurityProperties.Claims claims) {
        this.claims = claims;
    }

    @Override
    public Map<String, Object> convert(Map<String, Object> source) {
        Map<String, Object> converted = new HashMap<>(standard.convert(source));
        put(converted, TokenClaims.ROLE, role(read(source, claims.role())));
        put(converted, TokenClaims.INSTITUTION_ID, single(read(source, claims.institution())));
        put(converted, TokenClaims.DIVISION, single(read(source, claims.division())));
        return converted;
    }

    private static void put(Map<String, Object> claims, String name, String value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
    }

    /** The claim at a dotted path ({@code realm_access.roles}), or a top-level claim of that exact name. */
    static Object read(Map<String, Object> source, String path) {
        if (source.containsKey(path)) {
            return source.get(path);
        }
        Object current = source;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private String role(Object value) {
        if (value instanceof Collection<?> values) {
            for (Object v : values) {
                String role = role(v);
                if (role != null) {
                    return role;
                }
            }
            return null;
        }
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        // with a value map configured only mapped values count; without one, CareLedger's role names
        String candidate = claims.roleValues().isEmpty() ? text : claims.roleValues().get(text);
        if (candidate == null) {
            return null;
        }
        candidate = candidate.trim().toUpperCase(Locale.ROOT);
        try {
            Role role = Role.valueOf(candidate);
            return role == Role.SYSTEM ? null : role.name();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String single(Object value) {
        if (value instanceof Collection<?> values) {
            return values.size() == 1 ? single(values.iterator().next()) : null;
        }
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
