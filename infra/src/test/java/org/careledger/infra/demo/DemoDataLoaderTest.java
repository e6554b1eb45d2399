package org.careledger.infra.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.careledger.infra.support.EventRows;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Demo data never kills the application. Approval right after filing meets the licence check
 * still running (LICENCE_VERIFICATION_PENDING): the loader waits for it. A start that filed but
 * did not approve is finished by the next one. A failure is logged, never thrown out of the runner.
 */
class DemoDataLoaderTest extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void approvalWaitsForTheLicenceCheckAndAnEarlierStartsFilingsAreFinished() {
        DemoInstitution earlier = demo("先前托育中心", true, true);
        DemoInstitution fresh = demo("新建托育中心", true, false);
        // an earlier start filed this one and stopped before approving it
        DemoInstitution filedOnly = new DemoInstitution(earlier.name(), earlier.division(), earlier.creditCodeStem(),
                earlier.type(), earlier.address(), earlier.location(), earlier.serviceTypes(), earlier.classes(),
                earlier.monthlyFeeFen(), false, false);
        assertThat(loader(List.of(filedOnly)).loadAll()).isEqualTo(new DemoDataLoader.Outcome(1, 1, 0));
        assertThat(types(earlier)).doesNotContain("FilingApproved");

        DemoDataLoader.Outcome outcome = loader(List.of(earlier, fresh)).loadAll();

        assertThat(outcome).isEqualTo(new DemoDataLoader.Outcome(1, 2, 0));
        assertThat(types(earlier)).contains("FilingApproved", "PuhuiStatusGranted");
        assertThat(types(fresh)).contains("FilingApproved").doesNotContain("PuhuiStatusGranted");
        // a third start changes nothing
        int before = types(earlier).size() + types(fresh).size();
        assertThat(loader(List.of(earlier, fresh)).loadAll()).isEqualTo(new DemoDataLoader.Outcome(0, 2, 0));
        assertThat(types(earlier).size() + types(fresh).size()).isEqualTo(before);
    }

    @Test
    void aFailingCommandBusNeverFailsTheRunner() throws Exception {
        CommandGateway broken = Mockito.mock(CommandGateway.class);
        Mockito.when(broken.sendAndWait(Mockito.any())).thenThrow(new IllegalStateException("store unavailable"));
        DemoDataLoader loader = new DemoDataLoader(broken, List.of(demo("甲", true, true), demo("乙", false, false)),
                Duration.ofSeconds(1), Duration.ofMillis(10));

        assertThat(loader.loadAll()).isEqualTo(new DemoDataLoader.Outcome(0, 0, 2));
        assertThatCode(() -> loader.run(new DefaultApplicationArguments())).doesNotThrowAnyException();
        loader.destroy();
    }

    private DemoDataLoader loader(List<DemoInstitution> institutions) {
        return new DemoDataLoader(commands, institutions, Duration.ofSeconds(60), Duration.ofMillis(100));
    }

    private List<String> types(DemoInstitution demo) {
        return new EventRows(jdbc).typesFor(DemoDataLoader.idOf(demo).value()).stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    private static DemoInstitution demo(String name, boolean approve, boolean puhui) {
        String stem = "52370811MJD" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
        return new DemoInstitution(name + stem, "370811", stem, InstitutionType.CHILDCARE_CENTRE, "山东省济宁市测试路",
                new GeoPoint(35.37, 116.60), Set.of(ServiceType.FULL_DAY),
                List.of(new DemoInstitution.ClassPlan("托小班", ClassType.YOUNG_TODDLER, 15)), 200_000, approve, puhui);
    }
}
