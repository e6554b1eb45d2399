package org.careledger.command.subsidy;

import java.time.LocalDate;
import java.util.Optional;

import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.subsidy.SubsidyKind;

/**
 * Set validation for "the same child-month is never paid twice" (docs/domain.md, rule S1): the
 * days an open or decided case covers, per institution and kind, in a command-side table written
 * in the same transaction as the case's first event. Two cases whose periods share a day cannot
 * both exist; a rejected case gives its days back.
 */
public interface SubsidyPeriodClaims {

    /**
     * Claims every day of the period for the case, unless some day is already claimed by another
     * case of the institution and kind: then nothing is claimed and that case's id is answered.
     * Concurrent claims of overlapping periods serialise on the table's key; the later one finds
     * the earlier's days once it has committed.
     */
    Optional<String> claim(InstitutionId institution, SubsidyKind kind, LocalDate from, LocalDate to, String caseId);

    /** Gives the case's days back (the case was rejected). */
    void release(String caseId);
}
