package org.careledger.command.subsidy;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Optional;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link SubsidyPeriodClaims} in PostgreSQL: one row per institution, kind and day, primary key on
 * the three. Runs in the command's transaction (the event store shares the data source): a
 * refused application rolls its rows back with it. Days are inserted in ascending order, so two
 * overlapping claims wait for one another without deadlocking.
 */
@Component
class JdbcSubsidyPeriodClaims implements SubsidyPeriodClaims {

    private final JdbcTemplate jdbc;

    JdbcSubsidyPeriodClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> claim(InstitutionId institution, SubsidyKind kind, LocalDate from, LocalDate to, String caseId) {
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        int inserted = jdbc.update("INSERT INTO subsidy_period_claim (institution_id, kind, day, case_id) "
                        + "SELECT ?, ?, d::date, ? FROM generate_series(?::date, ?::date, interval '1 day') AS d ORDER BY d "
                        + "ON CONFLICT (institution_id, kind, day) DO NOTHING",
                institution.value(), kind.name(), caseId, Date.valueOf(from), Date.valueOf(to));
        if (inserted == days) {
            return Optional.empty();
        }
        Optional<String> other = jdbc.queryForList("SELECT case_id FROM subsidy_period_claim WHERE institution_id = ? "
                        + "AND kind = ? AND day BETWEEN ? AND ? AND case_id <> ? ORDER BY day LIMIT 1", String.class,
                institution.value(), kind.name(), Date.valueOf(from), Date.valueOf(to), caseId).stream().findFirst();
        if (other.isEmpty()) {
            // only this case's own days were there (a retried command): nothing overlaps
            return Optional.empty();
        }
        // the caller refuses, which rolls this transaction (and the rows inserted above) back
        return other;
    }

    @Override
    public void release(String caseId) {
        jdbc.update("DELETE FROM subsidy_period_claim WHERE case_id = ?", caseId);
    }

    static DomainException overlap(SubsidyKind kind, LocalDate from, LocalDate to, String otherCase) {
        return new DomainException(ErrorCode.SUBSIDY_PERIOD_OVERLAPS, "The " + kind + " period " + from + " – " + to
                + " overlaps case " + otherCase + " of the same institution and kind; a child-month is paid once");
    }
}
