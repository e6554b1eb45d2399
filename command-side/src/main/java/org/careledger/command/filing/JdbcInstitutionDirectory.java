package org.careledger.command.filing;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link InstitutionDirectory} over table {@code institution_credit_code}. It runs in the command's
 * transaction (the JdbcTemplate joins the Spring transaction Axon opened), so a claim commits or
 * rolls back together with the events.
 */
@Component
class JdbcInstitutionDirectory implements InstitutionDirectory {

    private final JdbcTemplate jdbc;

    JdbcInstitutionDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public java.util.Optional<DivisionCode> divisionOf(InstitutionId institutionId) {
        return jdbc.queryForList("SELECT division_code FROM institution_credit_code WHERE institution_id = ?", String.class,
                institutionId.value()).stream().findFirst().map(DivisionCode::parse);
    }

    @Override
    public java.util.Optional<org.careledger.kernel.value.FilingArea> areaOf(InstitutionId institutionId) {
        return jdbc.query("SELECT division_code, zone_id FROM institution_credit_code WHERE institution_id = ?",
                (rs, n) -> new org.careledger.kernel.value.FilingArea(DivisionCode.parse(rs.getString(1)), rs.getString(2)),
                institutionId.value()).stream().findFirst();
    }

    @Override
    public void placeInZone(InstitutionId institutionId, String zone) {
        jdbc.update("UPDATE institution_credit_code SET zone_id = ? WHERE institution_id = ?", zone, institutionId.value());
    }

    @Override
    public void claim(CreditCode creditCode, InstitutionId institutionId, DivisionCode division) {
        claim(creditCode, institutionId, division, null);
    }

    @Override
    public void claim(CreditCode creditCode, InstitutionId institutionId, DivisionCode division, String zone) {
        Integer byId = jdbc.queryForObject("SELECT count(*) FROM institution_credit_code WHERE institution_id = ?",
                Integer.class, institutionId.value());
        if (byId != null && byId > 0) {
            throw new DomainException(ErrorCode.INSTITUTION_ALREADY_REGISTERED,
                    "Institution " + institutionId + " is already registered");
        }
        try {
            jdbc.update("INSERT INTO institution_credit_code (credit_code, institution_id, division_code, zone_id) "
                    + "VALUES (?, ?, ?, ?)", creditCode.value(), institutionId.value(), division.value(), zone);
        } catch (DuplicateKeyException e) {
            throw new DomainException(ErrorCode.CREDIT_CODE_ALREADY_REGISTERED,
                    "An institution with credit code " + creditCode + " is already registered");
        }
    }
}
