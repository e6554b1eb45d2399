package org.careledger.infra.security;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says loudly, at start, that a feature for trying the system out is on: whoever reaches the
 * server can then mint tokens or script the licence platform's answers.
 */
@Component
public class DevExposureBanner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(DevExposureBanner.class);

    private final Environment env;

    DevExposureBanner(Environment env) {
        this.env = env;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        List<String> on = onFeatures(env);
        if (on.isEmpty()) {
            return;
        }
        String address = env.getProperty("server.address");
        log.warn("""

                ************************************************************************
                * INSECURE FEATURES FOR TRYING CARELEDGER OUT ARE ON: {}
                * server.address={} ({}). Anyone who can reach this server can use them.
                * A real deployment takes tokens from an identity provider and keeps
                * {}=false and {}=false (docs/security.md).
                ************************************************************************""",
                String.join(", ", on), address == null ? "(every interface)" : address,
                DevExposure.bindsLoopbackOnly(address) ? "loopback only" : "NOT loopback",
                DevExposure.ISSUER_FLAG, DevExposure.SIMULATOR_FLAG);
    }

    static List<String> onFeatures(Environment env) {
        List<String> on = new ArrayList<>();
        if (DevExposure.issuerEnabled(env)) {
            on.add("local token issuer (POST /api/v1/dev/tokens)");
        }
        if (DevExposure.simulatorEnabled(env)) {
            on.add("e-license simulator (/simulator/e-license/**)");
        }
        return on;
    }
}
