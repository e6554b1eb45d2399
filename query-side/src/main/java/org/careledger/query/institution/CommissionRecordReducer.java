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

/** Folds inspection events into {@link CommissionRecord}: pure, no I/O. */
final class CommissionRecordReducer {

    private CommissionRecordReducer() {
    }

    private static CommissionRecord subsidy(CommissionRecord o, String caseId, CommissionRecord.Subsidy s) {
        Map<String, CommissionRecord.Subsidy> subsidies = new LinkedHashMap<>(o.subsidies());
        subsidies.put(caseId, s);
        return new CommissionRecord(o.latestInspection(), o.openOrders(), subsidies);
    }

    private static CommissionRecord.Subsidy subsidyOf(CommissionRecord o, Object event) {
        String caseId = event instanceof SubsidyAdjustmentDecided e ? e.caseId()
                : event instanceof SubsidyApproved e ? e.caseId()
                : event instanceof SubsidyRejected e ? e.caseId()
                : event instanceof SubsidyPaid e ? e.caseId() : null;
        return caseId == null ? null : o.subsidies().get(caseId);
    }

    /** The new oversight state, or null if the event is not an inspection event. */
    static CommissionRecord apply(CommissionRecord o, Object event) {
        if (event instanceof InspectionRecorded e) {
            Map<String, CommissionRecord.OpenOrder> open = new LinkedHashMap<>(o.openOrders());
            for (RectificationOrder order : e.orders()) {
                Finding f = e.findings().get(order.findingIndex());
                open.put(e.inspectionId() + "/" + order.orderId(), new CommissionRecord.OpenOrder(e.inspectionId(),
                        order.orderId(), f.category(), f.severity(), order.requirement(), order.deadline()));
            }
            CommissionRecord.LatestInspection latest = o.latestInspection();
            if (latest == null || !e.inspectedOn().isBefore(latest.inspectedOn())) {
                latest = new CommissionRecord.LatestInspection(e.inspectionId(), e.type(), e.inspectedOn(), e.outcome());
            }
            return new CommissionRecord(latest, open, o.subsidies());
        }
        if (event instanceof RectificationVerified e) {
            Map<String, CommissionRecord.OpenOrder> open = new LinkedHashMap<>(o.openOrders());
            String key = e.inspectionId() + "/" + e.orderId();
            if (e.rectified()) {
                open.remove(key);
            } else {
                open.computeIfPresent(key, (k, x) -> new CommissionRecord.OpenOrder(x.inspectionId(), x.orderId(), x.category(),
                        x.severity(), x.requirement(), e.newDeadline()));
            }
            return new CommissionRecord(o.latestInspection(), open, o.subsidies());
        }
        if (event instanceof SubsidyDecisionComputed e) {
            return subsidy(o, e.caseId(), new CommissionRecord.Subsidy(e.kind().name(), e.periodFrom(), e.periodTo(),
                    "AWAITING_DECISION", e.amountFen(), 0, 0));
        }
        CommissionRecord.Subsidy s = subsidyOf(o, event);
        if (s != null) {
            if (event instanceof SubsidyAdjustmentDecided e) {
                return subsidy(o, e.caseId(), new CommissionRecord.Subsidy(s.kind(), s.periodFrom(), s.periodTo(),
                        "AWAITING_DECISION", e.recomputedAmountFen(), s.approvedFen(), s.paidFen()));
            }
            if (event instanceof SubsidyApproved e) {
                return subsidy(o, e.caseId(), new CommissionRecord.Subsidy(s.kind(), s.periodFrom(), s.periodTo(), "APPROVED",
                        s.computedFen(), s.approvedFen() + e.amountFen(), s.paidFen()));
            }
            if (event instanceof SubsidyRejected e) {
                return subsidy(o, e.caseId(), new CommissionRecord.Subsidy(s.kind(), s.periodFrom(), s.periodTo(), "REJECTED",
                        s.computedFen(), s.approvedFen(), s.paidFen()));
            }
            if (event instanceof SubsidyPaid e) {
                long paid = s.paidFen() + e.amountFen();
                return subsidy(o, e.caseId(), new CommissionRecord.Subsidy(s.kind(), s.periodFrom(), s.periodTo(),
                        paid == s.approvedFen() ? "PAID" : s.status(), s.computedFen(), s.approvedFen(), paid));
            }
        }
        return null;
    }
}
