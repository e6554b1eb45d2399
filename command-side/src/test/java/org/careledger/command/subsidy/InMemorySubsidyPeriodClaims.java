package org.careledger.command.subsidy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.subsidy.SubsidyKind;

/** {@link SubsidyPeriodClaims} in memory, for aggregate tests (no transactions: a refusal claims nothing). */
final class InMemorySubsidyPeriodClaims implements SubsidyPeriodClaims {

    final Map<String, String> days = new LinkedHashMap<>();

    private static String key(InstitutionId institution, SubsidyKind kind, LocalDate day) {
        return institution.value() + "/" + kind + "/" + day;
    }

    @Override
    public synchronized Optional<String> claim(InstitutionId institution, SubsidyKind kind, LocalDate from, LocalDate to,
                                               String caseId) {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            String other = days.get(key(institution, kind, d));
            if (other != null && !other.equals(caseId)) {
                return Optional.of(other);
            }
        }
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(key(institution, kind, d), caseId);
        }
        return Optional.empty();
    }

    @Override
    public synchronized void release(String caseId) {
        days.values().removeIf(caseId::equals);
    }
}
