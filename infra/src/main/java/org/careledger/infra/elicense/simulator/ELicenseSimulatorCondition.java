package org.careledger.infra.elicense.simulator;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The e-license simulator runs with the embedded default (no {@code spring.datasource.url}) unless
 * switched off, and otherwise only when {@code careledger.e-license.simulator.enabled=true}.
 */
public class ELicenseSimulatorCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String explicit = context.getEnvironment().getProperty("careledger.e-license.simulator.enabled");
        if (explicit != null && !explicit.isBlank()) {
            return Boolean.parseBoolean(explicit.trim());
        }
        String url = context.getEnvironment().getProperty("spring.datasource.url");
        return url == null || url.isBlank();
    }
}
