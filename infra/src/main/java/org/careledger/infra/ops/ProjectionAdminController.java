package org.careledger.infra.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.careledger.infra.cluster.ProcessorCoordinator;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operations on the projections (ADMIN only): their status per segment (position, caught up,
 * replaying, errors) and a rebuild from the first event. A rebuild resets the processor's tokens;
 * each projection's reset handler clears its store, and the processor replays every event. It
 * works from any instance: the others stop the processor until the tokens are reset
 * ({@link ProcessorCoordinator}).
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
public record ProjectionAdminController(EventProcessingConfiguration processing, ProcessorCoordinator coordinator) {

    public record SegmentStatus(int segment, Long position, boolean caughtUp, boolean replaying, String error) {
    }

    public record ProjectionStatus(String name, boolean running, int activeSegments, List<SegmentStatus> segments) {
    }

    @GetMapping
    public Mono<List<ProjectionStatus>> list(Caller caller) {
        caller.requireRole(Role.ADMIN);
        return Mono.fromCallable(() -> processing.eventProcessors().keySet().stream().sorted()
                        .map(this::status).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<ProjectionStatus> replay(Caller caller, @PathVariable String name) {
        caller.requireRole(Role.ADMIN);
        StreamingEventProcessor processor = streaming(name);
        // shutting a processor down waits for its threads, and the other instances are waited for
        // (ADR 0024): keep it off the event loop. The processor runs again here whatever happens.
        return Mono.fromCallable(() -> {
            coordinator.replay(name, processor);
            return status(name);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private StreamingEventProcessor streaming(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No projection named " + name));
    }

    private ProjectionStatus status(String name) {
        StreamingEventProcessor processor = streaming(name);
        Map<Integer, EventTrackerStatus> statuses = new LinkedHashMap<>(processor.processingStatus());
        List<SegmentStatus> segments = new ArrayList<>();
        statuses.values().stream().sorted(Comparator.comparingInt(s -> s.getSegment().getSegmentId()))
                .forEach(s -> segments.add(new SegmentStatus(s.getSegment().getSegmentId(),
                        s.getCurrentPosition().isPresent() ? s.getCurrentPosition().getAsLong() : null,
                        s.isCaughtUp(), s.isReplaying(),
                        s.isErrorState() ? s.getError().getClass().getSimpleName() : null)));
        return new ProjectionStatus(name, processor.isRunning(), segments.size(), segments);
    }
}
