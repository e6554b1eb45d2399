package org.careledger.infra.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The local token issuer exists only for trying the system out: it is on when the embedded
 * default is in use (no {@code spring.datasource.url}) unless switched off, and off otherwise
 * unless {@code careledger.local-token-issuer.enabled=true} is set explicitly.
 */
public class LocalTokenIssuerCondition implements Condition {

    public static final String PROPERTY = "careledger.local-token-issuer.enabled";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String explicit = context.getEnvironment().getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Boolean.parseBoolean(explicit.trim());
        }
        String url = context.getEnvironment().getProperty("spring.datasource.url");
        return url == null || url.isBlank();
    }
}
