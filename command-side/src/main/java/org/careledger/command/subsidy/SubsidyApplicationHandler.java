package org.careledger.command.subsidy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.careledger.command.filing.InstitutionDirectory;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.subsidy.SubsidyDecisionComputed;
import org.careledger.kernel.subsidy.SubsidyInputs;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.value.FilingArea;
import org.springframework.stereotype.Component;

/**
 * An application (by the institution, an officer, or the system at the end of a period): picks the
 * policy in force for the jurisdiction and the period's start, computes from the events, and opens
 * the case with {@code SubsidyDecisionComputed}. One case per institution, kind and period, and no
 * two cases of an institution and kind share a day (docs/domain.md rule S1: refused with
 * SUBSIDY_PERIOD_OVERLAPS naming the other case).
 */
@Component
record SubsidyApplicationHandler(Repository<SubsidyCase> cases, InstitutionDirectory institutions,
                                 SubsidyPolicies policies, SubsidyFactsLoader loader, SubsidyPeriodClaims claims,
                                 Clock clock) {

    /** Longest period one case covers. */
    static final int MAX_PERIOD_DAYS = 366;
    @CommandHandler
    public String handle(ApplyForSubsidy command, MetaData metaData) throws Exception {
        Caller caller = Caller.fromMetaData(metaData);
        caller.requireRole(Role.OPERATOR, Role.SUBSIDY_OFFICER, Role.ADMIN, Role.SYSTEM);
        // where the institution is filed: its division and local zone, the zone choosing the zone's policy (rule F7)
        FilingArea area = institutions.requireAreaOf(command.institutionId());
        DivisionCode division = area.division();
        caller.requireAccess(command.institutionId(), division);
        LocalDate today = LocalDate.now(clock.withZone(InputRules.ZONE));
        if (command.kind() == null || command.periodFrom() == null || command.periodTo() == null
                || command.periodTo().isBefore(command.periodFrom())
                || command.periodTo().toEpochDay() - command.periodFrom().toEpochDay() >= MAX_PERIOD_DAYS
                || command.periodTo().isAfter(today)) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "kind and a period of at most " + MAX_PERIOD_DAYS
                    + " days, ending today at the latest, are required");
        }
        String caseId = ApplyForSubsidy.caseId(command.institutionId(), command.kind(), command.periodFrom(),
                command.periodTo());
        if (exists(caseId)) {
            throw new DomainException(ErrorCode.SUBSIDY_ALREADY_DECIDED, "A " + command.kind() + " case for "
                    + command.periodFrom() + " – " + command.periodTo() + " already exists: " + caseId);
        }
        SubsidyPolicy policy = policies.inForce(area, command.kind(), command.periodFrom()).orElseThrow(() ->
                new DomainException(ErrorCode.NO_SUBSIDY_POLICY, "No " + command.kind() + " policy is in force in "
                        + area + " on " + command.periodFrom()));
        SubsidyRules.WHOLE_MONTHS_UNDER_A_WHOLE_MONTH_POLICY.enforce(
                new SubsidyRules.PolicyPeriod(policy, command.periodFrom(), command.periodTo()));
        claims.claim(command.institutionId(), command.kind(), command.periodFrom(), command.periodTo(), caseId)
                .ifPresent(other -> {
                    throw JdbcSubsidyPeriodClaims.overlap(command.kind(), command.periodFrom(), command.periodTo(), other);
                });
        Instant now = clock.instant();
        SubsidyInputs inputs = command.inputs() == null ? SubsidyInputs.NONE : command.inputs();
        SubsidyEngine.Result result = SubsidyComputation.compute(policy, loader, command.institutionId(),
                command.periodFrom(), command.periodTo(), inputs, now);
        cases.newInstance(() -> new SubsidyCase(caseId, division, new SubsidyDecisionComputed(command.institutionId(),
                caseId, command.kind(), command.periodFrom(), command.periodTo(), inputs, result.amountFen(),
                result.basis(), now)));
        return caseId;
    }

    private boolean exists(String caseId) {
        try {
            cases.load(caseId);
            return true;
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }
}
