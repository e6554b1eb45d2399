package org.careledger.command;

import java.time.Clock;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the command side's handlers need. */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties({org.careledger.command.licence.ELicenseProperties.class,
        org.careledger.command.enrolment.ConfiguredEnrolmentPolicies.class})
public class CommandSideConfiguration {

    /** Institution streams are snapshotted every 250 events, so loading one stays cheap. */
    public static final int INSTITUTION_SNAPSHOT_THRESHOLD = 250;

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SnapshotTriggerDefinition institutionSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, INSTITUTION_SNAPSHOT_THRESHOLD);
    }
}
