package org.careledger.command.filing;

import java.util.Optional;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.FilingArea;

/**
 * The command side's directory of registered institutions: their credit codes, divisions and local
 * zones. It is also the set validation for "one institution per credit code", a lookup table written
 * in the same transaction as the events that register the institution (and, for the zone, amend it).
 * It is the one place the command side looks up where an institution is filed
 * ({@link #requireAreaOf}): the subsidy engine and the enrolment policies read the zone from here.
 */
public interface InstitutionDirectory {

    /**
     * Claims the credit code for the institution, or refuses with CREDIT_CODE_ALREADY_REGISTERED
     * (another institution has it) or INSTITUTION_ALREADY_REGISTERED (this id is registered).
     */
    void claim(CreditCode creditCode, InstitutionId institutionId, DivisionCode division);

    /** As {@link #claim(CreditCode, InstitutionId, DivisionCode)}, recording the local zone (null: none) too. */
    default void claim(CreditCode creditCode, InstitutionId institutionId, DivisionCode division, String zone) {
        if (zone != null) {
            throw new UnsupportedOperationException("this directory keeps no local zones");
        }
        claim(creditCode, institutionId, division);
    }

    /** Records the local zone (null: none) an amendment placed the institution in. */
    default void placeInZone(InstitutionId institutionId, String zone) {
        if (zone != null) {
            throw new UnsupportedOperationException("this directory keeps no local zones");
        }
    }

    /** The division of a registered institution, if it is registered. */
    Optional<DivisionCode> divisionOf(InstitutionId institutionId);

    /** Where a registered institution is filed (division and local zone), if it is registered. */
    default Optional<FilingArea> areaOf(InstitutionId institutionId) {
        return divisionOf(institutionId).map(FilingArea::of);
    }

    /** The division of a registered institution; refuses with INSTITUTION_NOT_FOUND otherwise. */
    default DivisionCode requireDivisionOf(InstitutionId institutionId) {
        return divisionOf(institutionId).orElseThrow(InstitutionDirectory::notFound);
    }

    /** Where a registered institution is filed (division and local zone); refuses with INSTITUTION_NOT_FOUND otherwise. */
    default FilingArea requireAreaOf(InstitutionId institutionId) {
        return areaOf(institutionId).orElseThrow(InstitutionDirectory::notFound);
    }

    private static DomainException notFound() {
        return new DomainException(ErrorCode.INSTITUTION_NOT_FOUND, "No such institution");
    }
}
