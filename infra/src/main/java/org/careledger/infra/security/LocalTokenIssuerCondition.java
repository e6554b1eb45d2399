package org.careledger.infra.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The local token issuer exists only for trying the system out: see {@link DevExposure} (on with
 * the embedded default bound to loopback, or with {@value DevExposure#ISSUER_FLAG}=true).
 */
public class LocalTokenIssuerCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return DevExposure.issuerEnabled(context.getEnvironment());
    }
}
