package org.careledger.command.enrolment;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link EnrolmentRegistry} in PostgreSQL. Runs inside the command's transaction (the JDBC event
 * store shares the data source), so an enrolment row and its event commit or roll back together.
 * Concurrent claims for one child serialise on the partial unique index: the later one waits for
 * the earlier to commit and then finds the child taken.
 */
@Component
public class JdbcEnrolmentRegistry implements EnrolmentRegistry {

    private static final String COLUMNS =
            "enrolment_id, child_ref, institution_id, class_id, birth_month, starts_on, ends_on, active, birth_date";

    /** The advisory lock's key, per institution: its places and its family-care-point headcount. */
    static final String PLACE_LOCK = "enrolment-places:";

    private final JdbcTemplate jdbc;

    public JdbcEnrolmentRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Enrolment> claim(Enrolment e) {
        int inserted = jdbc.update("INSERT INTO enrolment (" + COLUMNS + ", person_key) VALUES (?, ?, ?, ?, ?, ?, ?, true, ?, ?) "
                        + "ON CONFLICT (person_key) WHERE active DO NOTHING",
                e.enrolmentId().value(), e.childRef().value(), e.institutionId().value(), e.classId().value(),
                Date.valueOf(e.birthMonth().atDay(1)), Date.valueOf(e.startsOn()), Date.valueOf(e.endsOn()),
                e.birthDate() == null ? null : Date.valueOf(e.birthDate()), e.holder());
        if (inserted == 1) {
            return Optional.empty();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM enrolment WHERE person_key = ? AND active", JdbcEnrolmentRegistry::row,
                e.holder()).stream().findFirst();
    }

    @Override
    public Occupancy lockPlaces(InstitutionId institution, ClassId classId) {
        // a transaction-scoped advisory lock: released by the commit or roll-back of the command
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> { },
                PLACE_LOCK + institution.value());
        return jdbc.queryForObject("SELECT count(*) FILTER (WHERE class_id = ?), count(*) FROM enrolment "
                        + "WHERE institution_id = ? AND active",
                (rs, i) -> new Occupancy(rs.getInt(1), rs.getInt(2)), classId.value(), institution.value());
    }

    @Override
    public Optional<InstitutionId> institutionOf(EnrolmentId enrolmentId) {
        return jdbc.queryForList("SELECT institution_id FROM enrolment WHERE enrolment_id = ?", String.class,
                enrolmentId.value()).stream().findFirst().map(InstitutionId::new);
    }

    @Override
    public List<EnrolmentId> enrolmentsOf(InstitutionId institution) {
        return jdbc.queryForList("SELECT enrolment_id FROM enrolment WHERE institution_id = ? ORDER BY starts_on, enrolment_id",
                String.class, institution.value()).stream().map(EnrolmentId::new).toList();
    }

    @Override
    public void end(EnrolmentId enrolmentId, LocalDate endsOn, EnrolmentEndReason reason) {
        jdbc.update("UPDATE enrolment SET active = false, ends_on = ?, ended_reason = ? WHERE enrolment_id = ?",
                Date.valueOf(endsOn), reason.name(), enrolmentId.value());
    }

    @Override
    public void moveTo(EnrolmentId enrolmentId, ClassId classId) {
        jdbc.update("UPDATE enrolment SET class_id = ? WHERE enrolment_id = ?", classId.value(), enrolmentId.value());
    }

    @Override
    public List<Enrolment> coveringDay(InstitutionId institution, LocalDate day) {
        return jdbc.query("SELECT " + COLUMNS + " FROM enrolment WHERE institution_id = ? AND starts_on <= ? AND ends_on >= ?",
                JdbcEnrolmentRegistry::row, institution.value(), Date.valueOf(day), Date.valueOf(day));
    }

    @Override
    public java.util.Map<ChildRef, LocalDate> lastPresentDays(java.util.Collection<ChildRef> children) {
        java.util.Map<ChildRef, LocalDate> days = new java.util.HashMap<>();
        if (children.isEmpty()) {
            return days;
        }
        String[] refs = children.stream().map(ChildRef::value).toArray(String[]::new);
        jdbc.query("SELECT child_ref, last_present_on FROM child_presence WHERE child_ref = ANY(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", refs)),
                rs -> {
                    days.put(new ChildRef(rs.getString(1)), rs.getDate(2).toLocalDate());
                });
        return days;
    }

    @Override
    public void recordPresence(java.util.Collection<ChildRef> children, LocalDate day) {
        List<Object[]> rows = children.stream().map(c -> new Object[] {c.value(), Date.valueOf(day)}).toList();
        jdbc.batchUpdate("INSERT INTO child_presence (child_ref, last_present_on) VALUES (?, ?) ON CONFLICT (child_ref) "
                + "DO UPDATE SET last_present_on = GREATEST(child_presence.last_present_on, EXCLUDED.last_present_on)", rows);
    }

    @Override
    public boolean everEnrolled(InstitutionId institution, ChildRef child) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM enrolment WHERE institution_id = ? AND child_ref = ?",
                Integer.class, institution.value(), child.value());
        return n != null && n > 0;
    }

    @Override
    public List<Enrolment> dueToEnd(LocalDate today, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM enrolment WHERE active AND ends_on < ? ORDER BY ends_on LIMIT ?",
                JdbcEnrolmentRegistry::row, Date.valueOf(today), limit);
    }

    private static Enrolment row(ResultSet rs, int i) throws SQLException {
        return new Enrolment(new EnrolmentId(rs.getString(1)), new ChildRef(rs.getString(2)),
                new InstitutionId(rs.getString(3)), new ClassId(rs.getString(4)),
                YearMonth.from(rs.getDate(5).toLocalDate()), rs.getDate(6).toLocalDate(), rs.getDate(7).toLocalDate(),
                rs.getBoolean(8), rs.getDate(9) == null ? null : rs.getDate(9).toLocalDate());
    }
}
