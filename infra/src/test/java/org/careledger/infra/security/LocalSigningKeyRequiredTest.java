package org.careledger.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * With external stores and no identity provider, every instance must verify the tokens of the
 * same local key: it is configuration then, never made up per instance (ADR 0024).
 */
class LocalSigningKeyRequiredTest {

    @Test
    void withExternalStoresTheLocalSigningKeyIsRequired() {
        MockEnvironment external = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/careledger");
        assertThatThrownBy(() -> new SecurityConfiguration().localSigningKey(null, external))
                .hasMessageContaining(SecurityConfiguration.LOCAL_SIGNING_KEY);
    }

    @Test
    void theConfiguredKeyIsTheOneUsed() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair pair = rsa.generateKeyPair();
        MockEnvironment external = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/careledger")
                .withProperty(SecurityConfiguration.LOCAL_SIGNING_KEY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        assertThat(new SecurityConfiguration().localSigningKey(null, external).publicKey()).isEqualTo(pair.getPublic());
    }
}
