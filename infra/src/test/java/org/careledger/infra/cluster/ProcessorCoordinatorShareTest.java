package org.careledger.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.careledger.command.cluster.ClusterLeases;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The cap each instance claims up to (Axon's MaxSegmentProvider): the fair share, or none with balancing off. */
class ProcessorCoordinatorShareTest {

    private static ProcessorCoordinator coordinator(boolean balance) {
        JdbcTemplate unused = new JdbcTemplate();
        return new ProcessorCoordinator(unused, new ClusterLeases(unused), new ClusterProperties(null, null, balance, null), null);
    }

    @Test
    void withBalancingOnEachInstanceClaimsItsFairShare() {
        ProcessorCoordinator on = coordinator(true);
        assertThat(on.getMaxSegments("white-list")).as("before any heartbeat").isEqualTo(ProcessorCoordinator.UNCAPPED);
        on.updateShares(Map.of("white-list", 2, "utilisation", 1, "wide", 5), 2);
        assertThat(on.getMaxSegments("white-list")).isEqualTo(1);
        assertThat(on.getMaxSegments("utilisation")).isEqualTo(1);
        assertThat(on.getMaxSegments("wide")).isEqualTo(3);
    }

    @Test
    void withBalancingOffNothingIsCapped() {
        // Axon's processor releases claimed segments beyond this cap by itself: a share here would still balance
        ProcessorCoordinator off = coordinator(false);
        off.updateShares(Map.of("white-list", 2), 2);
        assertThat(off.getMaxSegments("white-list")).isEqualTo(ProcessorCoordinator.UNCAPPED);
    }
}
