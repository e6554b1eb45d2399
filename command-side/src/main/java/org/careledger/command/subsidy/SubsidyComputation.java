package org.careledger.command.subsidy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.subsidy.SubsidyBasis;
import org.careledger.kernel.subsidy.SubsidyInputs;
import org.careledger.kernel.subsidy.SubsidyKind;

/** Loads the facts and runs the engine, as an application, a recomputation or a reproduction needs it. */
final class SubsidyComputation {

    private SubsidyComputation() {
    }

    static SubsidyEngine.Result compute(SubsidyPolicy policy, SubsidyFactsLoader loader, InstitutionId institution,
                                        LocalDate from, LocalDate to, SubsidyInputs inputs, Instant asOf) {
        SubsidyFacts facts = loader.load(institution, from, to, asOf);
        List<SubsidyEngine.ChainMember> chain = new ArrayList<>();
        if (policy.kind() == SubsidyKind.CHAIN_INCENTIVE) {
            for (String other : inputs.chainInstitutionIds()) {
                if (!other.equals(institution.value())) {
                    chain.add(loader.chainMember(other, asOf));
                }
            }
        }
        return SubsidyEngine.compute(policy, facts, from, to, inputs, chain, asOf);
    }

    /** As {@link #compute}, but an institution no longer eligible gets 0 with the reasons in the trace. */
    static SubsidyEngine.Result computeOrZero(SubsidyPolicy policy, SubsidyFactsLoader loader, InstitutionId institution,
                                              LocalDate from, LocalDate to, SubsidyInputs inputs, Instant asOf) {
        try {
            return compute(policy, loader, institution, from, to, inputs, asOf);
        } catch (DomainException e) {
            if (e.code() != ErrorCode.SUBSIDY_NOT_ELIGIBLE) {
                throw e;
            }
            List<String> trace = new ArrayList<>(List.of("not eligible on the facts known at " + asOf + ":"));
            e.violations().forEach(v -> trace.add(v.code() + ": " + v.message()));
            return new SubsidyEngine.Result(0, new SubsidyBasis(policy.policyId(), policy.version(), policy.source(),
                    policy.rounding().name(), asOf, List.of(), trace));
        }
    }
}
