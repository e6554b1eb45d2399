package org.careledger.command.api;

import static org.careledger.command.api.RequestParsing.MAX_REASON;
import static org.careledger.command.api.RequestParsing.MAX_TEXT;
import static org.careledger.command.api.RequestParsing.date;
import static org.careledger.command.api.RequestParsing.enumValue;
import static org.careledger.command.api.RequestParsing.text;

import java.time.LocalDate;
import java.util.List;

import org.careledger.command.subsidy.SubsidyReproduction;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.id.Identifiers;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.command.subsidy.ApplyForSubsidy;
import org.careledger.command.subsidy.DecideSubsidy;
import org.careledger.command.subsidy.RecomputeSubsidy;
import org.careledger.command.subsidy.RecordSubsidyPayment;
import org.careledger.kernel.subsidy.SubsidyInputs;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.careledger.kernel.value.InputRules;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import org.careledger.kernel.stereotype.WebAdapter;

/**
 * Subsidy cases: an application computes the decision from the events; an officer of the
 * jurisdiction approves or rejects it and records payment; a recomputation turns later facts into
 * a supplement or a clawback; a reproduction recomputes the decision as it was made.
 */
@RestController
@WebAdapter
public record SubsidyController(CommandDispatcher dispatcher, SubsidyReproduction reproduction) {

    record InputsBody(String demonstrationLevel, String designationReference, List<String> chainInstitutionIds,
                      Integer floorAreaSquareMetres, Integer leaseMonths) {
    }

    record ApplicationBody(String institutionId, String kind, String periodFrom, String periodTo, InputsBody inputs) {
    }

    record DecisionBody(Boolean approve, String reason) {
    }

    record PaymentBody(String paidOn, String reference) {
    }

    /** The answer to a recomputation: UNCHANGED (nothing written) or ADJUSTED (a supplement or clawback awaits a decision). */
    public record Recomputed(String id, long position, String outcome) {
    }

    @PostMapping("/api/v1/subsidies")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CommandAccepted> apply(Caller caller, @RequestBody(required = false) ApplicationBody body,
                                       ServerWebExchange exchange) {
        Violations v = RequestParsing.violationsFor(body);
        InstitutionId institution = body.institutionId() == null ? null
                : v.parse("institutionId", () -> new InstitutionId(body.institutionId()));
        if (body.institutionId() == null) {
            v.add("institutionId", "REQUIRED", "institutionId is required");
        }
        SubsidyKind kind = enumValue(v, "kind", body.kind(), SubsidyKind.class, true);
        LocalDate from = date(v, "periodFrom", body.periodFrom(), true, InputRules.NEAR_FUTURE);
        LocalDate to = date(v, "periodTo", body.periodTo(), true, InputRules.NEAR_FUTURE);
        if (from != null && to != null && to.isBefore(from)) {
            v.add("periodTo", "BEFORE_START", "the period cannot end before it starts");
        }
        SubsidyInputs inputs = SubsidyInputs.NONE;
        if (body.inputs() != null) {
            InputsBody in = body.inputs();
            List<String> chain = in.chainInstitutionIds() == null ? List.of() : in.chainInstitutionIds();
            for (int i = 0; i < chain.size() && i <= InputRules.MAX_ITEMS; i++) {
                int index = i;
                v.parse("inputs.chainInstitutionIds[" + i + "]", () -> new InstitutionId(chain.get(index)));
            }
            if (chain.size() > InputRules.MAX_ITEMS) {
                v.add("inputs.chainInstitutionIds", "TOO_MANY", "at most 50 institutions");
            }
            if (in.floorAreaSquareMetres() != null && (in.floorAreaSquareMetres() < 1
                    || in.floorAreaSquareMetres() > InputRules.MAX_FLOOR_AREA_SQUARE_METRES)) {
                v.add("inputs.floorAreaSquareMetres", "OUT_OF_RANGE",
                        "floorAreaSquareMetres must be between 1 and " + InputRules.MAX_FLOOR_AREA_SQUARE_METRES);
            }
            if (in.leaseMonths() != null && (in.leaseMonths() < 0 || in.leaseMonths() > InputRules.MAX_LEASE_MONTHS)) {
                v.add("inputs.leaseMonths", "OUT_OF_RANGE", "leaseMonths must be between 0 and " + InputRules.MAX_LEASE_MONTHS);
            }
            String level = text(v, "inputs.demonstrationLevel", in.demonstrationLevel(), false, InputRules.MAX_DEMONSTRATION_LEVEL);
            String designation = text(v, "inputs.designationReference", in.designationReference(), false, MAX_TEXT);
            v.throwIfAny();
            inputs = new SubsidyInputs(level, designation, chain, in.floorAreaSquareMetres(), in.leaseMonths());
        }
        v.throwIfAny();
        String caseId = ApplyForSubsidy.caseId(institution, kind, from, to);
        return dispatcher.dispatch(new ApplyForSubsidy(caseId, institution, kind, from, to, inputs), caller, exchange,
                caseId);
    }

    @PostMapping("/api/v1/subsidies/{caseId}/decision")
    public Mono<CommandAccepted> decide(Caller caller, @PathVariable String caseId,
                                        @RequestBody(required = false) DecisionBody body, ServerWebExchange exchange) {
        String id = caseId(caseId);
        Violations v = RequestParsing.violationsFor(body);
        if (body.approve() == null) {
            v.add("approve", "REQUIRED", "approve is required (true or false)");
        }
        String reason = text(v, "reason", body.reason(), true, MAX_REASON);
        v.throwIfAny();
        return dispatcher.dispatch(new DecideSubsidy(id, body.approve(), reason), caller, exchange, id);
    }

    @PostMapping("/api/v1/subsidies/{caseId}/payment")
    public Mono<CommandAccepted> pay(Caller caller, @PathVariable String caseId,
                                     @RequestBody(required = false) PaymentBody body, ServerWebExchange exchange) {
        String id = caseId(caseId);
        Violations v = RequestParsing.violationsFor(body);
        LocalDate paidOn = date(v, "paidOn", body.paidOn(), true, InputRules.PAST_EVENT);
        String reference = text(v, "reference", body.reference(), true, MAX_TEXT);
        v.throwIfAny();
        return dispatcher.dispatch(new RecordSubsidyPayment(id, paidOn, reference), caller, exchange, id);
    }

    @PostMapping("/api/v1/subsidies/{caseId}/recompute")
    public Mono<Recomputed> recompute(Caller caller, @PathVariable String caseId, ServerWebExchange exchange) {
        return dispatcher.<Object>send(new RecomputeSubsidy(caseId(caseId)), caller, exchange)
                .flatMap(result -> dispatcher.positionOf(caseId).map(position -> new Recomputed(caseId, position,
                        "UNCHANGED".equals(result) ? "UNCHANGED" : "ADJUSTED")));
    }

    @GetMapping("/api/v1/subsidies/{caseId}/reproduction")
    public Mono<SubsidyReproduction.Reproduction> reproduce(Caller caller, @PathVariable String caseId) {
        String id = caseId(caseId);
        return Mono.fromCallable(() -> reproduction.reproduce(id, caller)).subscribeOn(Schedulers.boundedElastic());
    }

    private static String caseId(String raw) {
        return RequestParsing.pathId(raw, id -> Identifiers.uuid("case id", id), "case id");
    }
}
