package org.careledger.command.filing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.FilingArea;

/** The registry's contract in memory, for aggregate fixtures (the JDBC one is tested against PostgreSQL). */
final class InMemoryInstitutionDirectory implements InstitutionDirectory {

    private final Map<String, String> byCode = new HashMap<>();
    final Map<String, FilingArea> areas = new HashMap<>();

    /** Records where an institution given as events (not claimed through a command) is filed. */
    InMemoryInstitutionDirectory with(InstitutionId institutionId, FilingArea area) {
        areas.put(institutionId.value(), area);
        return this;
    }

    @Override
    public Optional<DivisionCode> divisionOf(InstitutionId institutionId) {
        return areaOf(institutionId).map(FilingArea::division);
    }

    @Override
    public Optional<FilingArea> areaOf(InstitutionId institutionId) {
        return Optional.ofNullable(areas.get(institutionId.value()));
    }

    @Override
    public void claim(CreditCode creditCode, InstitutionId institutionId, DivisionCode division) {
        claim(creditCode, institutionId, division, null);
    }

    @Override
    public void claim(CreditCode creditCode, InstitutionId institutionId, DivisionCode division, String zone) {
        if (byCode.containsValue(institutionId.value())) {
            throw new DomainException(ErrorCode.INSTITUTION_ALREADY_REGISTERED, "already registered");
        }
        if (byCode.putIfAbsent(creditCode.value(), institutionId.value()) != null) {
            throw new DomainException(ErrorCode.CREDIT_CODE_ALREADY_REGISTERED, "credit code taken");
        }
        areas.put(institutionId.value(), new FilingArea(division, zone));
    }

    @Override
    public void placeInZone(InstitutionId institutionId, String zone) {
        areas.computeIfPresent(institutionId.value(), (k, a) -> new FilingArea(a.division(), zone));
    }
}
