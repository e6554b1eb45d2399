package org.careledger.query.institution;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.careledger.kernel.filing.ClassClosed;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.ClassResized;
import org.careledger.kernel.filing.FilingAmended;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingRejected;
import org.careledger.kernel.filing.FilingReinstated;
import org.careledger.kernel.filing.FilingRevoked;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.kernel.filing.InstitutionDeregistered;
import org.careledger.kernel.filing.PuhuiStatusGranted;
import org.careledger.kernel.filing.PuhuiStatusWithdrawn;
import org.careledger.kernel.value.FilingStatus;

/**
 * Folds institution events into an {@link InstitutionView}: a pure function, no I/O. An event at
 * or before the view's last position is ignored, so redelivery and replay change nothing.
 */
public final class InstitutionViewReducer {

    private InstitutionViewReducer() {
    }

    /**
     * @param view     the current state, or null if the institution is not known yet
     * @param event    an event payload (events this view does not use leave it unchanged)
     * @param position the event's global position
     * @return the new state (null only if the view is unknown and the event does not create it)
     */
    public static InstitutionView apply(InstitutionView view, Object event, long position) {
        return apply(view, event, position, null);
    }

    /**
     * As {@link #apply(InstitutionView, Object, long)}, for events delivered by a tracking
     * processor: an event at the view's last position is applied once if its id is new (the
     * events of a transaction that filled a gap in the global index share one token position).
     *
     * @param eventId the event's identifier, or null when positions are unique (replays by index)
     */
    public static InstitutionView apply(InstitutionView view, Object event, long position, String eventId) {
        if (view != null && (position < view.lastPosition() || (position == view.lastPosition()
                && (eventId == null || view.lastEventIds().contains(eventId))))) {
            return view;
        }
        InstitutionView next = fold(view, event, position);
        if (next != null && next != view) {
            // the local zone (rule F7) is set by the filing and each amendment and kept by every other event
            next = next.withZone(event instanceof FilingSubmitted e ? e.zone()
                    : event instanceof FilingAmended e ? e.zone() : view == null ? null : view.zone());
        }
        if (next == null || next == view || eventId == null) {
            return next;
        }
        java.util.Set<String> ids = new java.util.TreeSet<>();
        if (view != null && position == view.lastPosition()) {
            ids.addAll(view.lastEventIds());
        }
        ids.add(eventId);
        return next.withLastEventIds(ids);
    }

    private static InstitutionView fold(InstitutionView view, Object event, long position) {
        if (event instanceof FilingSubmitted e) {
            return new InstitutionView(e.institutionId().value(), e.creditCode().value(), e.creditCodeChecksumValid(),
                    e.name(), e.type(), e.division().value(), e.address(), e.location(), FilingStatus.SUBMITTED, null,
                    false, null, e.serviceTypes(), e.fees(), Map.of(), e.occurredAt(), null, e.occurredAt(),
                    e.occurredAt(), position, null, CareRecord.EMPTY, CommissionRecord.EMPTY);
        }
        if (view == null) {
            return null;
        }
        if (event instanceof org.careledger.kernel.licence.FilingCertificateIssued e) {
            return new InstitutionView(view.institutionId(), view.creditCode(), view.creditCodeChecksumValid(), view.name(),
                    view.type(), view.division(), view.address(), view.location(), view.status(), view.filingNumber(),
                    view.puhui(), view.puhuiSince(), view.serviceTypes(), view.fees(), view.classes(), view.submittedAt(),
                    view.filedAt(), view.statusChangedAt(), view.lastChangedAt(), position, e.certificateNumber(), view.care(), view.oversight());
        }
        if (event instanceof ClassOpened e) {
            return withClass(view, e.classId().value(),
                    new InstitutionView.ClassView(e.name(), e.classType(), e.places(), true), e.occurredAt(), position);
        }
        if (event instanceof ClassResized e) {
            InstitutionView.ClassView c = view.classes().get(e.classId().value());
            return c == null ? touched(view, e.occurredAt(), position) : withClass(view, e.classId().value(),
                    new InstitutionView.ClassView(c.name(), c.classType(), e.places(), c.open()), e.occurredAt(), position);
        }
        if (event instanceof ClassClosed e) {
            InstitutionView.ClassView c = view.classes().get(e.classId().value());
            return c == null ? touched(view, e.occurredAt(), position) : withClass(view, e.classId().value(),
                    new InstitutionView.ClassView(c.name(), c.classType(), c.places(), false), e.occurredAt(), position);
        }
        if (event instanceof FilingApproved e) {
            return new InstitutionView(view.institutionId(), view.creditCode(),
                    view.creditCodeChecksumValid(), view.name(), view.type(), view.division(), view.address(),
                    view.location(), FilingStatus.FILED, e.filingNumber().value(), view.puhui(), view.puhuiSince(),
                    view.serviceTypes(), view.fees(), view.classes(), view.submittedAt(), e.occurredAt(),
                    e.occurredAt(), e.occurredAt(), position, view.certificateNumber(), view.care(), view.oversight());
        }
        if (event instanceof FilingRejected e) {
            return status(view, FilingStatus.REJECTED, e.occurredAt(), position);
        }
        if (event instanceof FilingSuspended e) {
            return status(view, FilingStatus.SUSPENDED, e.occurredAt(), position);
        }
        if (event instanceof FilingReinstated e) {
            return status(view, FilingStatus.FILED, e.occurredAt(), position);
        }
        if (event instanceof FilingRevoked e) {
            return status(view, FilingStatus.REVOKED, e.occurredAt(), position);
        }
        if (event instanceof InstitutionDeregistered e) {
            return status(view, FilingStatus.DEREGISTERED, e.occurredAt(), position);
        }
        if (event instanceof FilingAmended e) {
            return new InstitutionView(view.institutionId(), view.creditCode(),
                    view.creditCodeChecksumValid(), e.name(), view.type(), view.division(), e.address(), e.location(),
                    e.resubmitted() ? FilingStatus.SUBMITTED : view.status(), view.filingNumber(), view.puhui(),
                    view.puhuiSince(), e.serviceTypes(), e.fees(), view.classes(), view.submittedAt(), view.filedAt(),
                    e.resubmitted() ? e.occurredAt() : view.statusChangedAt(), e.occurredAt(), position,
                    view.certificateNumber(), view.care(), view.oversight());
        }
        CareRecord care = CareRecordReducer.apply(view.care(), event);
        if (care != null) {
            return withCare(view, care, ((org.careledger.kernel.filing.InstitutionEvent) event).occurredAt(), position);
        }
        CommissionRecord oversight = CommissionRecordReducer.apply(view.oversight(), event);
        if (oversight != null) {
            InstitutionView v = view;
            return new InstitutionView(v.institutionId(), v.creditCode(), v.creditCodeChecksumValid(), v.name(), v.type(),
                    v.division(), v.address(), v.location(), v.status(), v.filingNumber(), v.puhui(), v.puhuiSince(),
                    v.serviceTypes(), v.fees(), v.classes(), v.submittedAt(), v.filedAt(), v.statusChangedAt(),
                    ((org.careledger.kernel.filing.InstitutionEvent) event).occurredAt(), position, v.certificateNumber(),
                    v.care(), oversight);
        }
        if (event instanceof PuhuiStatusGranted e) {
            return puhui(view, true, e.effectiveFrom(), e.occurredAt(), position);
        }
        if (event instanceof PuhuiStatusWithdrawn e) {
            return puhui(view, false, null, e.occurredAt(), position);
        }
        return view;
    }

    private static InstitutionView withClass(InstitutionView v, String classId, InstitutionView.ClassView c,
                                             Instant at, long position) {
        Map<String, InstitutionView.ClassView> classes = new LinkedHashMap<>(v.classes());
        classes.put(classId, c);
        return new InstitutionView(v.institutionId(), v.creditCode(), v.creditCodeChecksumValid(), v.name(), v.type(),
                v.division(), v.address(), v.location(), v.status(), v.filingNumber(), v.puhui(), v.puhuiSince(),
                v.serviceTypes(), v.fees(), classes, v.submittedAt(), v.filedAt(), v.statusChangedAt(), at, position,
                v.certificateNumber(), v.care(), v.oversight());
    }

    private static InstitutionView status(InstitutionView v, FilingStatus status, Instant at, long position) {
        return new InstitutionView(v.institutionId(), v.creditCode(), v.creditCodeChecksumValid(), v.name(), v.type(),
                v.division(), v.address(), v.location(), status, v.filingNumber(), v.puhui(), v.puhuiSince(),
                v.serviceTypes(), v.fees(), v.classes(), v.submittedAt(), v.filedAt(), at, at, position, v.certificateNumber(), v.care(), v.oversight());
    }

    private static InstitutionView puhui(InstitutionView v, boolean puhui, java.time.LocalDate since, Instant at,
                                         long position) {
        return new InstitutionView(v.institutionId(), v.creditCode(), v.creditCodeChecksumValid(), v.name(), v.type(),
                v.division(), v.address(), v.location(), v.status(), v.filingNumber(), puhui, since,
                v.serviceTypes(), v.fees(), v.classes(), v.submittedAt(), v.filedAt(), v.statusChangedAt(), at, position,
                v.certificateNumber(), v.care(), v.oversight());
    }

    private static InstitutionView withCare(InstitutionView v, CareRecord care, Instant at, long position) {
        return new InstitutionView(v.institutionId(), v.creditCode(), v.creditCodeChecksumValid(), v.name(), v.type(),
                v.division(), v.address(), v.location(), v.status(), v.filingNumber(), v.puhui(), v.puhuiSince(),
                v.serviceTypes(), v.fees(), v.classes(), v.submittedAt(), v.filedAt(), v.statusChangedAt(), at, position,
                v.certificateNumber(), care, v.oversight());
    }

    private static InstitutionView touched(InstitutionView v, Instant at, long position) {
        return new InstitutionView(v.institutionId(), v.creditCode(), v.creditCodeChecksumValid(), v.name(), v.type(),
                v.division(), v.address(), v.location(), v.status(), v.filingNumber(), v.puhui(), v.puhuiSince(),
                v.serviceTypes(), v.fees(), v.classes(), v.submittedAt(), v.filedAt(), v.statusChangedAt(), at, position,
                v.certificateNumber(), v.care(), v.oversight());
    }
}
