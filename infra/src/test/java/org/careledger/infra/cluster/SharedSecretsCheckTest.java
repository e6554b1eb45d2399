package org.careledger.infra.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.careledger.command.licence.ELicenseProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A configured e-license platform needs its HMAC secret on every instance of an external-store deployment. */
class SharedSecretsCheckTest {

    private static ELicenseProperties platform(String secret) {
        return new ELicenseProperties(null, null, null, null, null, null, null, null,
                Map.of("jining", new ELicenseProperties.Platform(secret)), null, null);
    }

    @Test
    void aPlatformWithoutAUsableSecretFailsTheStartWithExternalStores() {
        MockEnvironment external = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/careledger");
        assertThatThrownBy(() -> new SharedSecretsCheck(platform(""), external).afterPropertiesSet())
                .hasMessageContaining("careledger.e-license.platforms.jining.secret");
        assertThatThrownBy(() -> new SharedSecretsCheck(platform("short"), external).afterPropertiesSet())
                .hasMessageContaining("at least 16");
        assertThatCode(() -> new SharedSecretsCheck(platform("a-secret-of-twenty-chars"), external).afterPropertiesSet())
                .doesNotThrowAnyException();
        // the embedded default (one instance) does not insist
        assertThatCode(() -> new SharedSecretsCheck(platform(""), new MockEnvironment()).afterPropertiesSet())
                .doesNotThrowAnyException();
    }
}
