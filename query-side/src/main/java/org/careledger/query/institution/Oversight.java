package org.careledger.query.institution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.careledger.kernel.inspection.FindingCategory;
import org.careledger.kernel.inspection.FindingSeverity;
import org.careledger.kernel.inspection.InspectionOutcome;
import org.careledger.kernel.inspection.InspectionType;

/**
 * The health commission's oversight of an institution: its latest inspection (public: date and
 * outcome) and the rectification orders still open, with their deadlines.
 */
public record Oversight(LatestInspection latestInspection, Map<String, OpenOrder> openOrders,
                        Map<String, Subsidy> subsidies) {

    public static final Oversight EMPTY = new Oversight(null, Map.of(), Map.of());

    /** A subsidy case of the institution: what was computed, approved and paid, in fen. */
    public record Subsidy(String kind, LocalDate periodFrom, LocalDate periodTo, String status, long computedFen,
                          long approvedFen, long paidFen) {
    }

    public record LatestInspection(String inspectionId, InspectionType type, LocalDate inspectedOn,
                                   InspectionOutcome outcome) {
    }

    public record OpenOrder(String inspectionId, String orderId, FindingCategory category, FindingSeverity severity,
                            String requirement, LocalDate deadline) {
    }

    public Oversight {
        openOrders = openOrders == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(openOrders));
        subsidies = subsidies == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(subsidies));
    }

    /** Orders whose deadline has passed without a verified rectification. */
    public List<Care.Alert> alerts(LocalDate today) {
        List<Care.Alert> alerts = new ArrayList<>();
        for (OpenOrder o : openOrders.values()) {
            if (o.deadline().isBefore(today)) {
                alerts.add(new Care.Alert("RECTIFICATION_OVERDUE", o.inspectionId() + "/" + o.orderId(),
                        o.category() + " (" + o.severity() + "): " + o.requirement() + "; deadline " + o.deadline()));
            }
        }
        return alerts;
    }
}
