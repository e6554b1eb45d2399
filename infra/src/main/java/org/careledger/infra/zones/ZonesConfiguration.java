package org.careledger.infra.zones;

import java.util.List;

import org.careledger.kernel.value.LocalZone;
import org.careledger.kernel.value.LocalZones;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configured local zones ({@code careledger.zones}, docs/domain.md rule F7): functional zones
 * without a statistical code of their own, inside their city. Checked against the official division
 * list when the application starts; a wrong zone stops the start with a message naming it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ZonesConfiguration.ZoneProperties.class)
public class ZonesConfiguration {

    /** @param zones the local zones, each with id, name, city, divisions and source */
    @ConfigurationProperties("careledger")
    public record ZoneProperties(List<LocalZone> zones) {
    }

    @Bean
    LocalZones localZones(ZoneProperties properties) {
        return LocalZones.of(properties.zones());
    }
}
