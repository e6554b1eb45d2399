package org.careledger.command.filing;

import java.util.HashMap;
import java.util.Map;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.CreditCode;

/** The registry's contract in memory, for aggregate fixtures (the JDBC one is tested against PostgreSQL). */
final class InMemoryInstitutionDirectory implements InstitutionDirectory {

    private final Map<String, String> byCode = new HashMap<>();

    @Override
    public java.util.Optional<org.careledger.kernel.value.DivisionCode> divisionOf(InstitutionId institutionId) {
        return java.util.Optional.empty();
    }

    @Override
    public void claim(CreditCode creditCode, InstitutionId institutionId, org.careledger.kernel.value.DivisionCode division) {
        if (byCode.containsValue(institutionId.value())) {
            throw new DomainException(ErrorCode.INSTITUTION_ALREADY_REGISTERED, "already registered");
        }
        if (byCode.putIfAbsent(creditCode.value(), institutionId.value()) != null) {
            throw new DomainException(ErrorCode.CREDIT_CODE_ALREADY_REGISTERED, "credit code taken");
        }
    }
}
