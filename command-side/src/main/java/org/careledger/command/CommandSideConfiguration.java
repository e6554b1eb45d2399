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

    /**
     * Enrolment policies that name a local zone are checked against the configured zones at start
     * (docs/domain.md, rule F7): an unknown zone, or one outside the policy's jurisdiction, stops it.
     */
    @Bean
    org.springframework.beans.factory.InitializingBean enrolmentPolicyZonesChecked(
            org.careledger.command.enrolment.ConfiguredEnrolmentPolicies policies, org.careledger.kernel.value.LocalZones zones) {
        return () -> policies.checkZones(zones);
    }

    @Bean
    SnapshotTriggerDefinition institutionSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, INSTITUTION_SNAPSHOT_THRESHOLD);
    }
}
