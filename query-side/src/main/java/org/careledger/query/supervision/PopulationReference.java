package org.careledger.query.supervision;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Population reference data per division (configuration {@code careledger.indicators.population},
 * keyed by division-code prefix: a county, city or province), for places per 1,000 population and
 * per 1,000 children under three. Statistics offices publish these; none are shipped.
 */
@ConfigurationProperties("careledger.indicators")
public record PopulationReference(Map<String, Population> population) {

    public record Population(Long total, Long childrenUnder3, String source) {
    }

    public PopulationReference {
        population = population == null ? Map.of() : Map.copyOf(population);
    }
}
