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
 * What the health commission did about an institution: its latest inspection (public: date and
 * outcome), the rectification orders still open with their deadlines, and its subsidy cases.
 * (The view's field keeps its stored name {@code oversight}.)
 */
public record CommissionRecord(LatestInspection latestInspection, Map<String, OpenOrder> openOrders,
                               Map<String, Subsidy> subsidies) {

    public static final CommissionRecord EMPTY = new CommissionRecord(null, Map.of(), Map.of());

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

    public CommissionRecord {
        openOrders = openOrders == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(openOrders));
        subsidies = subsidies == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(subsidies));
    }

    /** Orders whose deadline has passed without a verified rectification. */
    public List<CareRecord.Alert> alerts(LocalDate today) {
        List<CareRecord.Alert> alerts = new ArrayList<>();
        for (OpenOrder o : openOrders.values()) {
            if (o.deadline().isBefore(today)) {
                alerts.add(new CareRecord.Alert("RECTIFICATION_OVERDUE", o.inspectionId() + "/" + o.orderId(),
                        o.category() + " (" + o.severity() + "): " + o.requirement() + "; deadline " + o.deadline()));
            }
        }
        return alerts;
    }
}
