package org.careledger.command.filing;

import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;

/**
 * The command side's directory of registered institutions: their credit codes and divisions. It is
 * also the set validation for "one institution per credit code", a lookup table written in the same
 * transaction as the events that register the institution.
 */
public interface InstitutionDirectory {

    /**
     * Claims the credit code for the institution, or refuses with CREDIT_CODE_ALREADY_REGISTERED
     * (another institution has it) or INSTITUTION_ALREADY_REGISTERED (this id is registered).
     */
    void claim(CreditCode creditCode, InstitutionId institutionId, DivisionCode division);

    /** The division of a registered institution, if it is registered. */
    java.util.Optional<DivisionCode> divisionOf(InstitutionId institutionId);

    /** The division of a registered institution; refuses with INSTITUTION_NOT_FOUND otherwise. */
    default DivisionCode requireDivisionOf(InstitutionId institutionId) {
        return divisionOf(institutionId).orElseThrow(() -> new org.careledger.kernel.error.DomainException(
                org.careledger.kernel.error.ErrorCode.INSTITUTION_NOT_FOUND, "No such institution"));
    }
}
