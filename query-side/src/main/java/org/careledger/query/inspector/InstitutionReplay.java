package org.careledger.query.inspector;

import java.time.Instant;
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
 */
public final class InstitutionReplay {

    public enum Reading { RECORDED, BUSINESS }

    /** An event about the institution with its global position and both times. */
    public record StoredEvent(long position, Instant recordedAt, Instant businessAt, Object payload) {
    }

    private InstitutionReplay() {
    }

    /** The state as of the instant, or null if the institution did not exist then (in that reading). */
    public static InstitutionView asOf(List<StoredEvent> events, Instant asOf, Reading reading) {
        InstitutionView view = null;
        if (reading == Reading.RECORDED) {
            List<StoredEvent> known = events.stream().filter(e -> !e.recordedAt().isAfter(asOf))
                    .sorted(Comparator.comparingLong(StoredEvent::position)).toList();
            for (StoredEvent e : known) {
                view = InstitutionViewReducer.apply(view, e.payload(), e.position());
            }
            return view;
        }
        // business order; the filing itself first (a fact dated before it, such as a child's
        // earlier health check, still belongs to the institution's state once it exists)
        List<StoredEvent> effective = events.stream().filter(e -> !e.businessAt().isAfter(asOf))
                .sorted(Comparator.comparing((StoredEvent e) -> !(e.payload() instanceof FilingSubmitted))
                        .thenComparing(StoredEvent::businessAt).thenComparingLong(StoredEvent::position))
                .toList();
        long sequence = 0;
        for (StoredEvent e : effective) {
            // positions in business order are not increasing; the reducer gets its own sequence
            view = InstitutionViewReducer.apply(view, e.payload(), ++sequence);
        }
        return view;
    }
}
