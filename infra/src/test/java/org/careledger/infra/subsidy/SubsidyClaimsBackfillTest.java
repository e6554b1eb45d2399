package org.careledger.infra.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.value.CreditCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A store whose subsidy cases were opened before period claims existed (V202612021110) gets them
 * from the backfill migration: afterwards an application overlapping an old case is refused like
 * one overlapping a new case, and a case rejected without approval holds no days (rule S1).
 */
class SubsidyClaimsBackfillTest extends IntegrationTest {

    private static final String BACKFILL = "db/migration/command/V202612030830__subsidy_period_claims_backfill.sql";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    private Map<String, Object> application(String id, LocalDate from, LocalDate to) {
        return Map.of("institutionId", id, "kind", "CONSTRUCTION", "periodFrom", from.toString(), "periodTo", to.toString());
    }

    /** The migration as Flyway runs it: one transaction (its temporary table lives until the commit). */
    private void backfill() {
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status ->
                ScriptUtils.executeSqlScript(DataSourceUtils.getConnection(dataSource), new ClassPathResource(BACKFILL)));
    }

    @Test
    void casesOpenedBeforeClaimsExistedHoldTheirDaysAfterTheBackfill() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String id = UUID.randomUUID().toString();
        String op = tokens.operator(id);
        String code17 = "52370811MJ" + String.format("%07d", (System.nanoTime() / 1000 + 11) % 10_000_000);
        filings.file(op, Filings.inZone(Filings.body(code17 + CreditCode.checkCharacterFor(code17), "太白湖补录测试托育中心",
                "370811", 35.38, 116.58, List.of(Map.of("name", "托小班", "classType", "YOUNG_TODDLER", "places", 15))),
                "370811-TBH"));
        filings.approve(tokens.inspector("3708"), id);
        String officer = tokens.officer("3708");

        // an earlier case for the acceptance day, rejected without approval: its day was released ...
        String rejected = (String) post(op, "/api/v1/subsidies", application(id, TODAY, TODAY), 201).get("id");
        post(officer, "/api/v1/subsidies/" + rejected + "/decision", Map.of("approve", false, "reason", "材料不全"), 200);
        // ... and applied for again by the case that holds it
        String held = (String) post(op, "/api/v1/subsidies", application(id, TODAY.minusDays(1), TODAY), 201).get("id");

        // the store as it was before V202612021110: cases, no claims
        jdbc.update("DELETE FROM subsidy_period_claim WHERE institution_id = ?", id);

        backfill();

        assertThat(jdbc.queryForList("SELECT DISTINCT case_id FROM subsidy_period_claim WHERE institution_id = ? ",
                String.class, id)).containsExactly(held);
        Map<String, Object> overlap = post(op, "/api/v1/subsidies", application(id, TODAY.minusDays(2), TODAY), 409);
        assertThat(overlap.get("code")).isEqualTo("SUBSIDY_PERIOD_OVERLAPS");
        assertThat((String) overlap.get("detail")).contains(held);
        // the rejected case's days were released and are not claimed back
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subsidy_period_claim WHERE case_id = ?", Integer.class, rejected))
                .isZero();
        // running it again changes nothing
        backfill();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subsidy_period_claim WHERE institution_id = ?", Integer.class, id))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subsidy_period_claim_backfill_overlap WHERE held_by = ?",
                Integer.class, held)).isZero();
    }
}
