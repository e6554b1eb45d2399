package org.careledger.command.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.careledger.kernel.value.CreditCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.web.reactive.function.client.WebClient;

/** Licence checks are claimed only by instances that can perform them (ADR 0024). */
class LicenceCheckWorkerTest {

    private static final ELicenseProperties DEFAULTS = new ELicenseProperties(null, null, null, null, null, null, null, null,
            null, null, null);

    /** Records the queries run, answers none due. */
    private static final class RecordingJdbc extends JdbcTemplate {
        final List<String> queries = new ArrayList<>();

        @Override
        public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
            queries.add(sql);
            return List.of();
        }
    }

    private static LicenceRegistry registry(boolean canVerify) {
        return new LicenceRegistry() {
            @Override
            public LicenceCheckResult verify(CreditCode creditCode, String licenceNumber) {
                throw new LicenceRegistryUnavailable("not in this test", null);
            }

            @Override
            public boolean canVerify() {
                return canVerify;
            }
        };
    }

    @Test
    void anInstanceThatCannotVerifyClaimsNoCheck() {
        RecordingJdbc jdbc = new RecordingJdbc();
        new LicenceCheckWorker(jdbc, registry(false), null, DEFAULTS).work();
        assertThat(jdbc.queries).isEmpty();

        new LicenceCheckWorker(jdbc, registry(true), null, DEFAULTS).work();
        assertThat(jdbc.queries).hasSize(1);
        assertThat(jdbc.queries.get(0)).contains("FOR UPDATE SKIP LOCKED");
    }

    @Test
    void theHttpRegistryCanVerifyWithAConfiguredPlatformOrTheBuiltInSimulator() {
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        StaticListableBeanFactory simulator = new StaticListableBeanFactory();
        simulator.addBean("simulator", new BuiltInLicencePlatform() {
        });
        ELicenseProperties platform = new ELicenseProperties("https://elicense.example", null, null, null, null, null, null,
                null, null, null, null);
        StandardEnvironment env = new StandardEnvironment();

        assertThat(new HttpLicenceRegistry(WebClient.builder(), DEFAULTS, env, none.getBeanProvider(BuiltInLicencePlatform.class))
                .canVerify()).isFalse();
        assertThat(new HttpLicenceRegistry(WebClient.builder(), DEFAULTS, env, simulator.getBeanProvider(BuiltInLicencePlatform.class))
                .canVerify()).isTrue();
        assertThat(new HttpLicenceRegistry(WebClient.builder(), platform, env, none.getBeanProvider(BuiltInLicencePlatform.class))
                .canVerify()).isTrue();
    }
}
