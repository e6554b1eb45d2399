package org.careledger.query.ledger;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the ledger processor ({@code careledger.ledger.*}, docs/ledger.md).
 *
 * @param enabled         whether this instance runs the processor (several may: one works at a time)
 * @param pollInterval    pause between two rounds of linking
 * @param batchSize       events read and linked per transaction
 * @param gapSettleTime   how long a hole in global_index is waited for before the chain goes past it
 *                        (Axon's own processors give up on a gap after 60 s, hence the default)
 * @param rootEveryLinks  a root is recorded once this many links follow the last root ...
 * @param rootInterval    ... or once the last root is this old and links follow it
 */
@ConfigurationProperties("careledger.ledger")
public record LedgerProperties(Boolean enabled, Duration pollInterval, Integer batchSize, Duration gapSettleTime,
                               Integer rootEveryLinks, Duration rootInterval) {

    public LedgerProperties {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        batchSize = batchSize == null ? 500 : batchSize;
        gapSettleTime = gapSettleTime == null ? Duration.ofSeconds(60) : gapSettleTime;
        rootEveryLinks = rootEveryLinks == null ? 1000 : rootEveryLinks;
        rootInterval = rootInterval == null ? Duration.ofMinutes(1) : rootInterval;
        if (batchSize < 1 || rootEveryLinks < 1) {
            throw new IllegalArgumentException("careledger.ledger.batch-size and root-every-links must be positive");
        }
    }
}
