package org.careledger.query.inspector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.InstitutionViewReducer;

/**
 * An institution's state as of an instant, folded from its events by the same reducer as the live
 * views, so live and replayed state cannot disagree. Two readings (docs/inspector.md):
 * <ul>
 *   <li>{@link Reading#RECORDED} "as it was known then": the events recorded up to the instant,
 *       in the order they were recorded;</li>
 *   <li>{@link Reading#BUSINESS} "as we now know it was": every event recorded up to now whose
 *       fact took effect up to the instant, in business-time order, later corrections included.</li>
 * </ul>
 * A fold can start from a snapshot (the state after a prefix of that order), so that its cost is
 * bounded by the events after the snapshot; the answer is the same as a fold from the first event
 * (docs/adr/0016-as-of-snapshots.md).
 */
public final class InstitutionReplay {

    public enum Reading { RECORDED, BUSINESS }

    /** An event about the institution with its global position and both times. */
    public record StoredEvent(long position, Instant recordedAt, Instant businessAt, Object payload) {

        boolean isFiling() {
            return payload instanceof FilingSubmitted;
        }
    }

    /**
     * The state after every state event with a global index up to {@code position}, in global
     * order; usable as of any instant from {@code maxRecordedAt}, the latest recording among them.
     */
    public record RecordedSnapshot(long position, Instant maxRecordedAt, InstitutionView view) {

        public boolean usableAt(Instant asOf) {
            return !maxRecordedAt.isAfter(asOf);
        }

        /** An event recorded later with a lower index (it filled a gap) is missing from the snapshot. */
        public boolean invalidatedBy(long newPosition) {
            return newPosition < position;
        }
    }

    /**
     * The state after, in business order, the filing and every event up to the cut (business
     * time, then position), with the reducer sequence reached; usable as of any instant from
     * {@code maxBusinessAt}, the latest business time among them.
     */
    public record BusinessSnapshot(Instant cutBusinessAt, long cutPosition, long sequence, Instant maxBusinessAt,
                                   InstitutionView view) {

        public boolean usableAt(Instant asOf) {
            return !maxBusinessAt.isAfter(asOf);
        }

        /** A filing, or a fact recorded later that takes effect before the cut (backdated), is missing from it. */
        public boolean invalidatedBy(StoredEvent e) {
            return afterCut(this, e) < 0;
        }
    }

    /** The business order: the filing itself first, then business time, then position. */
    static final Comparator<StoredEvent> BUSINESS_ORDER = Comparator.comparing((StoredEvent e) -> !e.isFiling())
            .thenComparing(StoredEvent::businessAt).thenComparingLong(StoredEvent::position);

    private InstitutionReplay() {
    }

    /** The state as of the instant, or null if the institution did not exist then (in that reading). */
    public static InstitutionView asOf(List<StoredEvent> events, Instant asOf, Reading reading) {
        return reading == Reading.RECORDED ? recordedFrom(null, events, asOf) : businessFrom(null, events, asOf);
    }

    /**
     * RECORDED reading from a snapshot usable at the instant (or from nothing): {@code after} holds
     * at least the events with a position above the snapshot's; those recorded up to the instant
     * are folded in global order.
     */
    public static InstitutionView recordedFrom(RecordedSnapshot snapshot, List<StoredEvent> after, Instant asOf) {
        InstitutionView view = snapshot == null ? null : snapshot.view();
        long from = snapshot == null ? Long.MIN_VALUE : snapshot.position();
        List<StoredEvent> known = after.stream().filter(e -> e.position() > from && !e.recordedAt().isAfter(asOf))
                .sorted(Comparator.comparingLong(StoredEvent::position)).toList();
        for (StoredEvent e : known) {
            view = InstitutionViewReducer.apply(view, e.payload(), e.position());
        }
        return view;
    }

    /**
     * BUSINESS reading from a snapshot usable at the instant (or from nothing): {@code after} holds
     * at least the events after the snapshot's cut; those in effect at the instant are folded in
     * business order, the reducer sequence continuing the snapshot's.
     */
    public static InstitutionView businessFrom(BusinessSnapshot snapshot, List<StoredEvent> after, Instant asOf) {
        InstitutionView view = snapshot == null ? null : snapshot.view();
        long sequence = snapshot == null ? 0 : snapshot.sequence();
        // a fact dated before the filing still belongs to the institution's state once it exists
        List<StoredEvent> effective = after.stream()
                .filter(e -> !e.businessAt().isAfter(asOf) && (snapshot == null || afterCut(snapshot, e) > 0))
                .sorted(BUSINESS_ORDER).toList();
        for (StoredEvent e : effective) {
            // positions in business order are not increasing; the reducer gets its own sequence
            view = InstitutionViewReducer.apply(view, e.payload(), ++sequence);
        }
        return view;
    }

    /** Positive if the event comes after the snapshot's cut in business order (a filing never does). */
    static int afterCut(BusinessSnapshot s, StoredEvent e) {
        if (e.isFiling()) {
            return -1;
        }
        int byTime = e.businessAt().compareTo(s.cutBusinessAt());
        return byTime != 0 ? byTime : Long.compare(e.position(), s.cutPosition());
    }

    /**
     * The RECORDED snapshots to take after {@code from} (or from nothing): one after every
     * {@code every} events of {@code after} (the events above the snapshot's position, in global order).
     */
    public static List<RecordedSnapshot> recordedSnapshots(RecordedSnapshot from, List<StoredEvent> after, int every) {
        List<RecordedSnapshot> taken = new ArrayList<>();
        InstitutionView view = from == null ? null : from.view();
        Instant maxRecorded = from == null ? Instant.MIN : from.maxRecordedAt();
        int folded = 0;
        for (StoredEvent e : after) {
            view = InstitutionViewReducer.apply(view, e.payload(), e.position());
            maxRecorded = e.recordedAt().isAfter(maxRecorded) ? e.recordedAt() : maxRecorded;
            if (++folded % every == 0 && view != null) {
                taken.add(new RecordedSnapshot(e.position(), maxRecorded, view));
            }
        }
        return taken;
    }

    /**
     * The BUSINESS snapshots to take after {@code from} (or from nothing): {@code after} holds the
     * events after its cut in business order; a snapshot after every {@code every} of them, cut at an
     * event other than the filing whose business time is not after {@code horizon} (facts dated
     * later than the newest recording are likely to be preceded by facts not recorded yet).
     */
    public static List<BusinessSnapshot> businessSnapshots(BusinessSnapshot from, List<StoredEvent> after, int every,
                                                           Instant horizon) {
        List<BusinessSnapshot> taken = new ArrayList<>();
        InstitutionView view = from == null ? null : from.view();
        long sequence = from == null ? 0 : from.sequence();
        Instant maxBusiness = from == null ? Instant.MIN : from.maxBusinessAt();
        int sinceLast = 0;
        for (StoredEvent e : after) {
            view = InstitutionViewReducer.apply(view, e.payload(), ++sequence);
            maxBusiness = e.businessAt().isAfter(maxBusiness) ? e.businessAt() : maxBusiness;
            if (e.businessAt().isAfter(horizon)) {
                break;
            }
            if (++sinceLast >= every && view != null && !e.isFiling()) {
                taken.add(new BusinessSnapshot(e.businessAt(), e.position(), sequence, maxBusiness, view));
                sinceLast = 0;
            }
        }
        return taken;
    }
}
