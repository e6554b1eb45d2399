package org.careledger.query.institution;

import java.util.LinkedHashMap;
import java.util.Map;

import org.careledger.kernel.inspection.Finding;
import org.careledger.kernel.inspection.InspectionRecorded;
import org.careledger.kernel.inspection.RectificationOrder;
import org.careledger.kernel.inspection.RectificationVerified;
import org.careledger.kernel.subsidy.SubsidyAdjustmentDecided;
import org.careledger.kernel.subsidy.SubsidyApproved;
import org.careledger.kernel.subsidy.SubsidyDecisionComputed;
import org.careledger.kernel.subsidy.SubsidyPaid;
import org.careledger.kernel.subsidy.SubsidyRejected;

/** Folds inspection events into {@link Oversight}: pure, no I/O. */
final class OversightReducer {

    private OversightReducer() {
    }

    private static Oversight subsidy(Oversight o, String caseId, Oversight.Subsidy s) {
        Map<String, Oversight.Subsidy> subsidies = new LinkedHashMap<>(o.subsidies());
        subsidies.put(caseId, s);
        return new Oversight(o.latestInspection(), o.openOrders(), subsidies);
    }

    private static Oversight.Subsidy subsidyOf(Oversight o, Object event) {
        String caseId = event instanceof SubsidyAdjustmentDecided e ? e.caseId()
                : event instanceof SubsidyApproved e ? e.caseId()
                : event instanceof SubsidyRejected e ? e.caseId()
                : event instanceof SubsidyPaid e ? e.caseId() : null;
        return caseId == null ? null : o.subsidies().get(caseId);
    }

    /** The new oversight state, or null if the event is not an inspection event. */
    static Oversight apply(Oversight o, Object event) {
        if (event instanceof InspectionRecorded e) {
            Map<String, Oversight.OpenOrder> open = new LinkedHashMap<>(o.openOrders());
            for (RectificationOrder order : e.orders()) {
                Finding f = e.findings().get(order.findingIndex());
                open.put(e.inspectionId() + "/" + order.orderId(), new Oversight.OpenOrder(e.inspectionId(),
                        order.orderId(), f.category(), f.severity(), order.requirement(), order.deadline()));
            }
            Oversight.LatestInspection latest = o.latestInspection();
            if (latest == null || !e.inspectedOn().isBefore(latest.inspectedOn())) {
                latest = new Oversight.LatestInspection(e.inspectionId(), e.type(), e.inspectedOn(), e.outcome());
            }
            return new Oversight(latest, open, o.subsidies());
        }
        if (event instanceof RectificationVerified e) {
            Map<String, Oversight.OpenOrder> open = new LinkedHashMap<>(o.openOrders());
            String key = e.inspectionId() + "/" + e.orderId();
            if (e.rectified()) {
                open.remove(key);
            } else {
                open.computeIfPresent(key, (k, x) -> new Oversight.OpenOrder(x.inspectionId(), x.orderId(), x.category(),
                        x.severity(), x.requirement(), e.newDeadline()));
            }
            return new Oversight(o.latestInspection(), open, o.subsidies());
        }
        if (event instanceof SubsidyDecisionComputed e) {
            return subsidy(o, e.caseId(), new Oversight.Subsidy(e.kind().name(), e.periodFrom(), e.periodTo(),
                    "AWAITING_DECISION", e.amountFen(), 0, 0));
        }
        Oversight.Subsidy s = subsidyOf(o, event);
        if (s != null) {
            if (event instanceof SubsidyAdjustmentDecided e) {
                return subsidy(o, e.caseId(), new Oversight.Subsidy(s.kind(), s.periodFrom(), s.periodTo(),
                        "AWAITING_DECISION", e.recomputedAmountFen(), s.approvedFen(), s.paidFen()));
            }
            if (event instanceof SubsidyApproved e) {
                return subsidy(o, e.caseId(), new Oversight.Subsidy(s.kind(), s.periodFrom(), s.periodTo(), "APPROVED",
                        s.computedFen(), s.approvedFen() + e.amountFen(), s.paidFen()));
            }
            if (event instanceof SubsidyRejected e) {
                return subsidy(o, e.caseId(), new Oversight.Subsidy(s.kind(), s.periodFrom(), s.periodTo(), "REJECTED",
                        s.computedFen(), s.approvedFen(), s.paidFen()));
            }
            if (event instanceof SubsidyPaid e) {
                long paid = s.paidFen() + e.amountFen();
                return subsidy(o, e.caseId(), new Oversight.Subsidy(s.kind(), s.periodFrom(), s.periodTo(),
                        paid == s.approvedFen() ? "PAID" : s.status(), s.computedFen(), s.approvedFen(), paid));
            }
        }
        return null;
    }
}
