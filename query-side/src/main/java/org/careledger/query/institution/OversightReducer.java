package org.careledger.query.institution;

import java.util.LinkedHashMap;
import java.util.Map;

import org.careledger.kernel.inspection.Finding;
import org.careledger.kernel.inspection.InspectionRecorded;
import org.careledger.kernel.inspection.RectificationOrder;
import org.careledger.kernel.inspection.RectificationVerified;

/** Folds inspection events into {@link Oversight}: pure, no I/O. */
final class OversightReducer {

    private OversightReducer() {
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
            return new Oversight(latest, open);
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
            return new Oversight(o.latestInspection(), open);
        }
        return null;
    }
}
