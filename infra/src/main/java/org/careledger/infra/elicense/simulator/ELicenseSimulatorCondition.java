package org.careledger.infra.elicense.simulator;

import org.careledger.infra.security.DevExposure;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The e-license simulator exists only for trying the system out and for tests: see
 * {@link DevExposure} (on with the embedded default bound to loopback, or with
 * {@value DevExposure#SIMULATOR_FLAG}=true).
 */
public class ELicenseSimulatorCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return DevExposure.simulatorEnabled(context.getEnvironment());
    }
}
