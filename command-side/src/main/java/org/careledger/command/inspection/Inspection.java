package org.careledger.command.inspection;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.careledger.command.filing.InstitutionDirectory;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.inspection.Finding;
import org.careledger.kernel.inspection.InspectionOutcome;
import org.careledger.kernel.inspection.InspectionRecorded;
import org.careledger.kernel.inspection.InspectionType;
import org.careledger.kernel.inspection.RectificationOrder;
import org.careledger.kernel.inspection.RectificationVerified;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.stereotype.AggregateRoot;
import org.careledger.command.InstitutionMetaData;
import org.careledger.command.SnapshotFields;

/**
 * One inspection of an institution by the health commission: its findings (severity and
 * category), its rectification orders with deadlines, and the follow-ups that verify each order.
 * Its own aggregate: inspections are independent of each other, and the stream stays small.
 */
@AggregateRoot
@Aggregate
@SnapshotFields
class Inspection {

    @AggregateIdentifier
    private String inspectionId;
    private InstitutionId institutionId;
    private LocalDate inspectedOn;
    private Set<String> openOrders = new HashSet<>();

    protected Inspection() {
    }

    @CommandHandler
    Inspection(RecordInspection command, MetaData metaData, Clock clock, InstitutionDirectory institutions) {
        DivisionCode division = institutions.requireDivisionOf(command.institutionId());
        Caller.fromMetaData(metaData).requireRole(Role.INSPECTOR, Role.ADMIN).requireAccess(command.institutionId(), division);
        LocalDate today = LocalDate.now(clock.withZone(InputRules.ZONE));
        Violations v = new Violations();
        if (command.type() == null) {
            v.add("type", "REQUIRED", "type is required");
        }
        if (command.type() == InspectionType.JOINT && command.agencies().isEmpty()) {
            v.add("agencies", "REQUIRED", "a joint inspection names the agencies it was made with");
        }
        if (command.type() != InspectionType.JOINT && !command.agencies().isEmpty()) {
            v.add("agencies", "NOT_JOINT", "only a joint inspection names other agencies");
        }
        if (command.inspectedOn() == null || command.inspectedOn().isAfter(today)) {
            v.add("inspectedOn", "INVALID_DATE", "inspectedOn is required and cannot be in the future");
        }
        for (int i = 0; i < command.findings().size(); i++) {
            Finding f = command.findings().get(i);
            if (f == null || f.category() == null || f.severity() == null || f.description() == null
                    || f.description().isBlank()) {
                v.add("findings[" + i + "]", "REQUIRED", "a finding has a category, a severity and a description");
            }
        }
        Set<String> orderIds = new HashSet<>();
        for (int i = 0; i < command.orders().size(); i++) {
            RectificationOrder o = command.orders().get(i);
            String f = "orders[" + i + "]";
            if (o == null || o.orderId() == null || o.requirement() == null || o.requirement().isBlank()
                    || o.deadline() == null) {
                v.add(f, "REQUIRED", "an order has a requirement and a deadline");
                continue;
            }
            if (!orderIds.add(o.orderId())) {
                v.add(f + ".orderId", "DUPLICATE", "order ids are unique within an inspection");
            }
            if (o.findingIndex() < 0 || o.findingIndex() >= command.findings().size()) {
                v.add(f + ".findingIndex", "OUT_OF_RANGE", "an order refers to one of the inspection's findings");
            }
            if (command.inspectedOn() != null && !o.deadline().isAfter(command.inspectedOn())) {
                v.add(f + ".deadline", "BEFORE_INSPECTION", "the deadline lies after the inspection");
            }
        }
        v.throwIfAny();
        InspectionOutcome outcome = !command.orders().isEmpty() ? InspectionOutcome.RECTIFICATION_REQUIRED
                : command.findings().isEmpty() ? InspectionOutcome.PASSED : InspectionOutcome.FINDINGS_NOTED;
        apply(new InspectionRecorded(command.institutionId(), command.inspectionId(), command.type(), command.agencies(),
                command.inspectedOn(), command.findings(), command.orders(), outcome, clock.instant()),
                InstitutionMetaData.of(command.institutionId(), division));
    }

    @CommandHandler
    void handle(VerifyRectification command, MetaData metaData, Clock clock, InstitutionDirectory institutions) {
        DivisionCode division = institutions.requireDivisionOf(institutionId);
        Caller.fromMetaData(metaData).requireRole(Role.INSPECTOR, Role.ADMIN).requireAccess(institutionId, division);
        if (!openOrders.contains(command.orderId())) {
            throw new DomainException(ErrorCode.RECTIFICATION_ORDER_NOT_OPEN,
                    "No open order " + command.orderId() + " in inspection " + inspectionId);
        }
        LocalDate today = LocalDate.now(clock.withZone(InputRules.ZONE));
        if (command.verifiedOn() == null || command.verifiedOn().isBefore(inspectedOn) || command.verifiedOn().isAfter(today)) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "verifiedOn lies between the inspection and today");
        }
        if (!command.rectified() && (command.newDeadline() == null || !command.newDeadline().isAfter(command.verifiedOn()))) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "an order not rectified gets a new deadline after the follow-up");
        }
        apply(new RectificationVerified(institutionId, inspectionId, command.orderId(), command.rectified(),
                command.verifiedOn(), command.rectified() ? null : command.newDeadline(), command.note(), clock.instant()),
                InstitutionMetaData.of(institutionId, division));
    }

    @EventSourcingHandler
    void on(InspectionRecorded event) {
        inspectionId = event.inspectionId();
        institutionId = event.institutionId();
        inspectedOn = event.inspectedOn();
        event.orders().forEach(o -> openOrders.add(o.orderId()));
    }

    @EventSourcingHandler
    void on(RectificationVerified event) {
        if (event.rectified()) {
            openOrders.remove(event.orderId());
        }
    }
}
