package org.careledger.infra.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How instances sharing one store find each other and share work ({@code careledger.cluster.*},
 * ADR 0024, docs/scale-out.md).
 *
 * @param heartbeat        how often an instance renews its row, looks at the other instances and balances segments
 * @param instanceTimeout  an instance whose row was not renewed for this long counts as gone
 * @param balanceSegments  give segments beyond this instance's fair share back, for other instances to claim
 * @param replayTimeout    how long a replay waits for the other instances to give their segments back
 */
@ConfigurationProperties("careledger.cluster")
public record ClusterProperties(Duration heartbeat, Duration instanceTimeout, Boolean balanceSegments, Duration replayTimeout) {

    public ClusterProperties {
        heartbeat = heartbeat == null ? Duration.ofSeconds(1) : heartbeat;
        instanceTimeout = instanceTimeout == null ? Duration.ofSeconds(10) : instanceTimeout;
        balanceSegments = balanceSegments == null || balanceSegments;
        replayTimeout = replayTimeout == null ? Duration.ofSeconds(60) : replayTimeout;
        if (instanceTimeout.compareTo(heartbeat.multipliedBy(2)) <= 0) {
            throw new IllegalStateException("careledger.cluster.instance-timeout must be more than twice careledger.cluster.heartbeat");
        }
    }
}
