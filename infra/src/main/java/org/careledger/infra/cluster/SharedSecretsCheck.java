package org.careledger.infra.cluster;

import java.util.Map;

import org.careledger.command.licence.ELicenseProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * With external stores, several instances may answer for one deployment, so every secret they
 * share is configuration, never made up per instance (ADR 0024). The privacy keys, the certificate
 * signing key and the local issuer's key check themselves where they are loaded; this checks the
 * e-license platforms' HMAC secrets: a platform listed without a usable secret fails the start
 * instead of refusing that platform's notifications on some instances.
 */
@Component
class SharedSecretsCheck implements InitializingBean {

    /** Shorter secrets are refused: an HMAC key is only as strong as its length. */
    static final int MIN_SECRET_LENGTH = 16;

    private final ELicenseProperties eLicense;
    private final Environment env;

    SharedSecretsCheck(ELicenseProperties eLicense, Environment env) {
        this.eLicense = eLicense;
        this.env = env;
    }

    @Override
    public void afterPropertiesSet() {
        if (env.getProperty("spring.datasource.url", "").isBlank()) {
            return;
        }
        for (Map.Entry<String, ELicenseProperties.Platform> platform : eLicense.platforms().entrySet()) {
            String secret = platform.getValue() == null ? null : platform.getValue().secret();
            if (secret == null || secret.isBlank() || secret.trim().length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("careledger.e-license.platforms." + platform.getKey() + ".secret is required "
                        + "with external stores (at least " + MIN_SECRET_LENGTH + " characters, the same on every instance)");
            }
        }
    }
}
