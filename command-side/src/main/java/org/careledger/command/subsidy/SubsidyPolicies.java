package org.careledger.command.subsidy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.Divisions;
import org.careledger.kernel.value.FilingArea;
import org.careledger.kernel.value.LocalZone;
import org.careledger.kernel.value.LocalZones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The subsidy policies in force: the JSON files shipped in {@code classpath:subsidy-policies/} and
 * those in the folder {@code careledger.subsidy.policy-dir} (a new city adds its files there and
 * restarts; no code changes). A policy is identified by id and version; a file that is incomplete,
 * unknown-fielded or a duplicate stops the start.
 */
@Component
public class SubsidyPolicies {

    private static final Logger log = LoggerFactory.getLogger(SubsidyPolicies.class);

    private final List<SubsidyPolicy> policies;

    @org.springframework.beans.factory.annotation.Autowired
    public SubsidyPolicies(ObjectMapper json, @Value("${careledger.subsidy.policy-dir:}") String policyDir,
                           LocalZones zones) throws IOException {
        this(load(json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), policyDir), zones);
    }

    SubsidyPolicies(List<SubsidyPolicy> policies) {
        this(policies, LocalZones.none());
    }

    SubsidyPolicies(List<SubsidyPolicy> policies, LocalZones zones) {
        Set<String> seen = new HashSet<>();
        for (SubsidyPolicy p : policies) {
            if (!p.jurisdiction().isEmpty() && !Divisions.official().containsJurisdiction(p.jurisdiction())) {
                throw new IllegalStateException("subsidy policy " + p.policyId() + " version " + p.version()
                        + " names jurisdiction '" + p.jurisdiction() + "', which is not a division on the official list");
            }
            if (p.zone() != null) {
                LocalZone zone = zones.find(p.zone()).orElseThrow(() -> new IllegalStateException("subsidy policy "
                        + p.policyId() + " version " + p.version() + " names zone '" + p.zone()
                        + "', which is not configured under careledger.zones"));
                if (p.jurisdiction().isEmpty() || !zone.divisions().stream().allMatch(d -> d.startsWith(p.jurisdiction()))) {
                    throw new IllegalStateException("subsidy policy " + p.policyId() + " version " + p.version()
                            + " names zone " + p.zone() + ", which does not lie inside its jurisdiction '"
                            + p.jurisdiction() + "'");
                }
            }
            if (!seen.add(p.policyId() + "@" + p.version())) {
                throw new IllegalStateException("subsidy policy " + p.policyId() + " version " + p.version() + " is defined twice");
            }
        }
        this.policies = List.copyOf(policies);
    }

    /** As {@link #inForce(FilingArea, SubsidyKind, LocalDate)} for an institution outside any local zone. */
    public Optional<SubsidyPolicy> inForce(DivisionCode division, SubsidyKind kind, LocalDate periodStart) {
        return inForce(FilingArea.of(division), kind, periodStart);
    }

    /**
     * The policy of the kind in force on the period's first day where the institution is filed: a
     * policy naming the institution's local zone first (a zone's policy applies only inside the zone
     * and takes precedence over the division's, docs/domain.md rule F7), then the most specific
     * jurisdiction, then the latest effective date, then the highest version.
     */
    public Optional<SubsidyPolicy> inForce(FilingArea area, SubsidyKind kind, LocalDate periodStart) {
        return policies.stream()
                .filter(p -> p.kind() == kind && area.division().value().startsWith(p.jurisdiction())
                        && (p.zone() == null || p.zone().equals(area.zone())) && p.inForceOn(periodStart))
                .max(Comparator.comparing((SubsidyPolicy p) -> p.zone() != null)
                        .thenComparingInt((SubsidyPolicy p) -> p.jurisdiction().length())
                        .thenComparing(SubsidyPolicy::effectiveFrom).thenComparingInt(SubsidyPolicy::version));
    }

    /** A given version (to recompute a decision under the policy it was made with). */
    public Optional<SubsidyPolicy> version(String policyId, int version) {
        return policies.stream().filter(p -> p.policyId().equals(policyId) && p.version() == version).findFirst();
    }

    public List<SubsidyPolicy> all() {
        return policies;
    }

    private static List<SubsidyPolicy> load(ObjectMapper json, String policyDir) throws IOException {
        List<SubsidyPolicy> found = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:subsidy-policies/*.json")) {
            try (InputStream in = r.getInputStream()) {
                found.add(read(json, in, r.getFilename()));
            }
        }
        if (policyDir != null && !policyDir.isBlank()) {
            Path dir = Path.of(policyDir);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                        try (InputStream in = Files.newInputStream(f)) {
                            found.add(read(json, in, f.toString()));
                        }
                    }
                }
            } else {
                log.warn("careledger.subsidy.policy-dir {} is not a directory; only the shipped policies apply", dir);
            }
        }
        log.info("{} subsidy policies loaded", found.size());
        return found;
    }

    private static SubsidyPolicy read(ObjectMapper json, InputStream in, String name) throws IOException {
        SubsidyPolicy p = json.readValue(in, SubsidyPolicy.class);
        p.validate(name);
        return p;
    }
}
