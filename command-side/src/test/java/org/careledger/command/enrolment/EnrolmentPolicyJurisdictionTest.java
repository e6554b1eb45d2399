package org.careledger.command.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Enrolment policies name their jurisdiction with a division on the official list, as subsidy
 * policies do: a code that is not one (e.g. 370872, once used for 太白湖新区, which has no code of
 * its own) stops the start with a message naming the policy and the code.
 */
class EnrolmentPolicyJurisdictionTest {

    private static BindException bind(String jurisdiction) {
        Map<String, String> properties = Map.of(
                "careledger.enrolment.policies[0].id", "national-default",
                "careledger.enrolment.policies[0].effective-from", "2019-10-08",
                "careledger.enrolment.policies[1].id", "local-cap",
                "careledger.enrolment.policies[1].jurisdiction", jurisdiction,
                "careledger.enrolment.policies[1].effective-from", "2022-01-01",
                "careledger.enrolment.policies[1].prepaid-months-cap", "3");
        try {
            new Binder(new MapConfigurationPropertySource(properties)).bind("careledger.enrolment",
                    ConfiguredEnrolmentPolicies.class);
            return null;
        } catch (BindException e) {
            return e;
        }
    }

    @Test
    void aPolicyForADivisionNotOnTheOfficialListStopsTheStart() {
        for (String bad : new String[] {"370872", "4199", "99", "37083"}) {
            BindException failure = bind(bad);
            assertThat(failure).as("jurisdiction %s", bad).isNotNull();
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).hasMessageContaining("local-cap").hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void listedProvincesCitiesAndCountiesAreAccepted() {
        for (String good : new String[] {"41", "4101", "410105", "370811"}) {
            assertThat(bind(good)).as("jurisdiction %s", good).isNull();
        }
        assertThatThrownBy(() -> new ConfiguredEnrolmentPolicies.Policy("z", "370872", java.time.LocalDate.of(2022, 1, 1),
                3, null, "s")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("official list");
    }
}
