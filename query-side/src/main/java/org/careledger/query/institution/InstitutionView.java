package org.careledger.query.institution;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.FilingStatus;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;

/**
 * What the views know about one institution, folded from its events by
 * {@link InstitutionViewReducer}. Every view of institutions (supervision, white-list, and
 * as-of replays) is built from this one state, so they cannot disagree.
 *
 * @param lastPosition      global position of the last event applied (for idempotent updates)
 * @param certificateNumber the filing certificate issued with the approval, if any
 * @param care              enrolments, health-check dates, staff, medical agreement (opaque references only)
 * @param oversight         latest inspection and open rectification orders
 * @param lastEventIds      ids of the events applied at {@code lastPosition}: a tracking token gives
 *                          the events of a transaction that filled a gap the same position, so
 *                          equal positions are told apart by event id
 * @param zone              the configured local zone the institution is filed in (docs/domain.md, rule F7),
 *                          or null; left out of the stored JSON when null, so views of institutions
 *                          outside any zone keep their bytes
 */
public record InstitutionView(
        String institutionId,
        String creditCode,
        boolean creditCodeChecksumValid,
        String name,
        InstitutionType type,
        String division,
        String address,
        GeoPoint location,
        FilingStatus status,
        String filingNumber,
        boolean puhui,
        LocalDate puhuiSince,
        Set<ServiceType> serviceTypes,
        List<Fee> fees,
        Map<String, ClassView> classes,
        Instant submittedAt,
        Instant filedAt,
        Instant statusChangedAt,
        Instant lastChangedAt,
        long lastPosition,
        String certificateNumber,
        CareRecord care,
        CommissionRecord oversight,
        Set<String> lastEventIds,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String zone) {

    /** A class as the views show it. */
    public record ClassView(String name, ClassType classType, int places, boolean open) {
    }

    /**
     * Collections keep a deterministic order (classes in the order they were opened, service types
     * in enum order), so a view rebuilt in other batches serialises to exactly the same bytes.
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    public InstitutionView {
        classes = classes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(classes));
        serviceTypes = serviceTypes == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(serviceTypes));
        fees = fees == null ? List.of() : List.copyOf(fees);
        care = care == null ? CareRecord.EMPTY : care;
        oversight = oversight == null ? CommissionRecord.EMPTY : oversight;
        lastEventIds = lastEventIds == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(lastEventIds));
    }

    /** A view as the reducer's helpers build it; {@link InstitutionViewReducer} sets the event ids. */
    public InstitutionView(String institutionId, String creditCode, boolean creditCodeChecksumValid, String name,
                           InstitutionType type, String division, String address, GeoPoint location, FilingStatus status,
                           String filingNumber, boolean puhui, LocalDate puhuiSince, Set<ServiceType> serviceTypes,
                           List<Fee> fees, Map<String, ClassView> classes, Instant submittedAt, Instant filedAt,
                           Instant statusChangedAt, Instant lastChangedAt, long lastPosition, String certificateNumber,
                           CareRecord care, CommissionRecord oversight) {
        this(institutionId, creditCode, creditCodeChecksumValid, name, type, division, address, location, status,
                filingNumber, puhui, puhuiSince, serviceTypes, fees, classes, submittedAt, filedAt, statusChangedAt,
                lastChangedAt, lastPosition, certificateNumber, care, oversight, Set.of(), null);
    }

    InstitutionView withLastEventIds(Set<String> ids) {
        return new InstitutionView(institutionId, creditCode, creditCodeChecksumValid, name, type, division, address,
                location, status, filingNumber, puhui, puhuiSince, serviceTypes, fees, classes, submittedAt, filedAt,
                statusChangedAt, lastChangedAt, lastPosition, certificateNumber, care, oversight, ids, zone);
    }

    InstitutionView withZone(String zoneId) {
        return java.util.Objects.equals(zone, zoneId) ? this : new InstitutionView(institutionId, creditCode,
                creditCodeChecksumValid, name, type, division, address, location, status, filingNumber, puhui,
                puhuiSince, serviceTypes, fees, classes, submittedAt, filedAt, statusChangedAt, lastChangedAt,
                lastPosition, certificateNumber, care, oversight, lastEventIds, zoneId);
    }

    /** Free places of an open class (never negative). */
    public int vacancies(String classId) {
        ClassView c = classes.get(classId);
        return c == null || !c.open() ? 0 : Math.max(0, c.places() - care.enrolledIn(classId));
    }

    public int totalVacancies() {
        return classes.keySet().stream().mapToInt(this::vacancies).sum();
    }

    /** Places of open classes of a type. */
    public int places(ClassType type) {
        return classes.values().stream().filter(c -> c.open() && c.classType() == type).mapToInt(ClassView::places).sum();
    }

    public int totalPlaces() {
        return classes.values().stream().filter(ClassView::open).mapToInt(ClassView::places).sum();
    }

    public int openClasses() {
        return (int) classes.values().stream().filter(ClassView::open).count();
    }

    /** Whether the public may see it: filed once (approved), whatever happened since. */
    public boolean everFiled() {
        return filingNumber != null;
    }
}
