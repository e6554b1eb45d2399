package org.careledger.command.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The platform secrets never show in a printed configuration (a log line, an error, a record's toString). */
class ELicensePropertiesTest {

    @Test
    void printedPropertiesDoNotShowPlatformSecrets() {
        ELicenseProperties properties = new ELicenseProperties(null, null, null, null, null, null, null, null,
                Map.of("demo", new ELicenseProperties.Platform("s3cr3t-value")), null, null);

        assertThat(properties.toString()).contains("demo").doesNotContain("s3cr3t-value");
        assertThat(properties.platforms().get("demo").secret()).isEqualTo("s3cr3t-value");
    }
}
