package org.careledger.command.api;

import static org.careledger.command.api.RequestParsing.MAX_REASON;
import static org.careledger.command.api.RequestParsing.date;
import static org.careledger.command.api.RequestParsing.enumValue;
import static org.careledger.command.api.RequestParsing.text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.id.Identifiers;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.inspection.Finding;
import org.careledger.kernel.inspection.FindingCategory;
import org.careledger.kernel.inspection.FindingSeverity;
import org.careledger.kernel.inspection.InspectionType;
import org.careledger.kernel.inspection.JointAgency;
import org.careledger.command.inspection.RecordInspection;
import org.careledger.kernel.inspection.RectificationOrder;
import org.careledger.command.inspection.VerifyRectification;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.value.InputRules;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import org.careledger.kernel.stereotype.WebAdapter;

/**
 * Inspections by the health commission: findings with severity and category, rectification
 * orders with deadlines (ids R1, R2, … within the inspection), and the follow-up of each order.
 */
@RestController
@WebAdapter
public class InspectionController {

    private static final int MAX_ITEMS = InputRules.MAX_INSPECTION_ITEMS;

    private final CommandDispatcher dispatcher;

    public InspectionController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    record FindingBody(String category, String severity, String description) {
    }

    record OrderBody(Integer findingIndex, String requirement, String deadline) {
    }

    record InspectionBody(String institutionId, String type, List<String> agencies, String inspectedOn,
                          List<FindingBody> findings, List<OrderBody> orders) {
    }

    record VerificationBody(Boolean rectified, String verifiedOn, String newDeadline, String note) {
    }

    @PostMapping("/api/v1/inspections")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CommandAccepted> record(Caller caller, @RequestBody(required = false) InspectionBody body,
                                        ServerWebExchange exchange) {
        Violations v = RequestParsing.violationsFor(body);
        InstitutionId institution = null;
        if (body.institutionId() == null) {
            v.add("institutionId", "REQUIRED", "institutionId is required");
        } else {
            institution = v.parse("institutionId", () -> new InstitutionId(body.institutionId()));
        }
        InspectionType type = enumValue(v, "type", body.type(), InspectionType.class, true);
        Set<JointAgency> agencies = EnumSet.noneOf(JointAgency.class);
        List<String> rawAgencies = body.agencies() == null ? List.of() : body.agencies();
        if (rawAgencies.size() > MAX_ITEMS) {
            v.add("agencies", "TOO_MANY", "at most " + MAX_ITEMS + " agencies");
            rawAgencies = List.of();
        }
        for (int i = 0; i < rawAgencies.size(); i++) {
            JointAgency a = enumValue(v, "agencies[" + i + "]", rawAgencies.get(i), JointAgency.class, true);
            if (a != null) {
                agencies.add(a);
            }
        }
        LocalDate inspectedOn = date(v, "inspectedOn", body.inspectedOn(), true, InputRules.PAST_EVENT);
        List<Finding> findings = new ArrayList<>();
        List<FindingBody> rawFindings = body.findings() == null ? List.of() : body.findings();
        List<OrderBody> rawOrders = body.orders() == null ? List.of() : body.orders();
        if (rawFindings.size() > MAX_ITEMS || rawOrders.size() > MAX_ITEMS) {
            v.add("findings", "TOO_MANY", "at most " + MAX_ITEMS + " findings and orders");
        } else {
            RequestParsing.eachItem(v, "findings", rawFindings, (p, f) -> findings.add(new Finding(
                    enumValue(v, p + ".category", f.category(), FindingCategory.class, true),
                    enumValue(v, p + ".severity", f.severity(), FindingSeverity.class, true),
                    text(v, p + ".description", f.description(), true, MAX_REASON))));
        }
        List<RectificationOrder> orders = new ArrayList<>();
        for (int i = 0; i < rawOrders.size() && i < MAX_ITEMS; i++) {
            OrderBody o = rawOrders.get(i);
            String p = "orders[" + i + "]";
            if (o == null || o.findingIndex() == null) {
                v.add(p + ".findingIndex", "REQUIRED", "an order names the finding (index) it is about");
                continue;
            }
            LocalDate deadline = date(v, p + ".deadline", o.deadline(), true, InputRules.DEADLINE);
            if (deadline != null && inspectedOn != null && deadline.isBefore(inspectedOn)) {
                v.add(p + ".deadline", "BEFORE_START", "a deadline cannot precede the inspection");
            }
            orders.add(new RectificationOrder("R" + (i + 1), o.findingIndex(),
                    text(v, p + ".requirement", o.requirement(), true, MAX_REASON), deadline));
        }
        v.throwIfAny();
        String inspectionId = UUID.randomUUID().toString();
        return dispatcher.dispatch(new RecordInspection(inspectionId, institution, type, agencies, inspectedOn, findings,
                orders), caller, exchange, inspectionId);
    }

    @PostMapping("/api/v1/inspections/{inspectionId}/orders/{orderId}/verification")
    public Mono<CommandAccepted> verify(Caller caller, @PathVariable String inspectionId, @PathVariable String orderId,
                                        @RequestBody(required = false) VerificationBody body, ServerWebExchange exchange) {
        RequestParsing.pathId(inspectionId, id -> Identifiers.uuid("inspection id", id), "inspection id");
        RequestParsing.pathId(orderId, Identifiers::orderId, "order id");
        Violations v = RequestParsing.violationsFor(body);
        if (body.rectified() == null) {
            v.add("rectified", "REQUIRED", "rectified is required (true or false)");
        }
        LocalDate verifiedOn = date(v, "verifiedOn", body.verifiedOn(), true, InputRules.PAST_EVENT);
        LocalDate newDeadline = date(v, "newDeadline", body.newDeadline(), false, InputRules.DEADLINE);
        if (newDeadline != null && verifiedOn != null && newDeadline.isBefore(verifiedOn)) {
            v.add("newDeadline", "BEFORE_START", "a new deadline cannot precede the verification");
        }
        String note = text(v, "note", body.note(), false, MAX_REASON);
        v.throwIfAny();
        return dispatcher.dispatch(new VerifyRectification(inspectionId, orderId, body.rectified(), verifiedOn, newDeadline,
                note), caller, exchange, inspectionId);
    }
}
