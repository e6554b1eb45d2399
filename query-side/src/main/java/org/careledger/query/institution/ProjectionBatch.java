package org.careledger.query.institution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The events of one processor batch, grouped per institution, applied to the store in one go
 * when the batch's unit of work prepares to commit (inside the processor's transaction). This is
 * what keeps projections from doing a round trip per event.
 */
public final class ProjectionBatch {

    /** An event payload with its global position. */
    public record Positioned(Object event, long position, String eventId) {
    }

    private final Map<String, List<Positioned>> byInstitution = new LinkedHashMap<>();

    /**
     * The batch of the current unit of work for this projection; created on first use, flushed
     * with {@code flush} before the unit of work commits.
     */
    public static ProjectionBatch current(String projection, Consumer<ProjectionBatch> flush) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource("pending-events:" + projection, key -> {
            ProjectionBatch batch = new ProjectionBatch();
            root.onPrepareCommit(u -> {
                if (!batch.isEmpty()) {
                    flush.accept(batch);
                }
            });
            return batch;
        });
    }

    /**
     * A list of rows collected during the current processor unit of work and handed to
     * {@code flush} once, before it commits: the batching of projections that write rows rather
     * than institution views.
     */
    public static <T> List<T> rows(String projection, Consumer<List<T>> flush) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource("pending-rows:" + projection, key -> {
            List<T> rows = new ArrayList<>();
            root.onPrepareCommit(u -> {
                if (!rows.isEmpty()) {
                    flush.accept(rows);
                }
            });
            return rows;
        });
    }

    public static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("tracking token without a position: " + token));
    }

    public void add(String institutionId, Object event, long position, String eventId) {
        byInstitution.computeIfAbsent(institutionId, k -> new ArrayList<>()).add(new Positioned(event, position, eventId));
    }

    public boolean isEmpty() {
        return byInstitution.isEmpty();
    }

    public Map<String, List<Positioned>> byInstitution() {
        return byInstitution;
    }

    /** Folds this batch's events into the given current views; returns the views that changed. */
    public Map<String, InstitutionView> applyTo(Map<String, InstitutionView> current) {
        Map<String, InstitutionView> changed = new LinkedHashMap<>();
        byInstitution.forEach((id, events) -> {
            InstitutionView before = current.get(id);
            InstitutionView view = before;
            for (Positioned p : events) {
                view = InstitutionViewReducer.apply(view, p.event(), p.position(), p.eventId());
            }
            if (view != null && view != before) {
                changed.put(id, view);
            }
        });
        return changed;
    }
}
