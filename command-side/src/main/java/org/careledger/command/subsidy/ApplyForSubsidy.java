package org.careledger.command.subsidy;

import org.careledger.kernel.subsidy.SubsidyInputs;
import org.careledger.kernel.subsidy.SubsidyKind;
import java.time.LocalDate;

import org.careledger.kernel.id.InstitutionId;

/** An institution applies (or the system opens a case) for one kind of subsidy over a period. */
public record ApplyForSubsidy(String caseId, InstitutionId institutionId, SubsidyKind kind, LocalDate periodFrom,
                              LocalDate periodTo, SubsidyInputs inputs) {

    /**
     * One case per institution, kind and period: the id is a name-based UUID of the three, so a
     * second application for the same kind and period finds the first case.
     */
    public static String caseId(InstitutionId institution, SubsidyKind kind, LocalDate from, LocalDate to) {
        String key = "subsidy-case:" + institution.value() + "/" + kind + "/" + from + "/" + to;
        return java.util.UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
