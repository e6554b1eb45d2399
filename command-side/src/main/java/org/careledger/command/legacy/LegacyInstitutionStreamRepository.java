package org.careledger.command.legacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The repository of an aggregate split out of {@code Institution} (ADR 0023): enrolments and staff
 * members recorded before the split have their first events in their institution's stream, and
 * those rows are never moved or re-keyed (the ledger hashes their stream and sequence number).
 * Loading aggregate X reads X's own stream; when it does not start at sequence 0, X is older than
 * the split: its institution's stream (found by {@code legacyStream}) is read from its first event,
 * filtered to the events that name X ({@code belongsTo}), re-sequenced 0..n-1 under X in memory,
 * and followed by X's own stream, which then starts at n. New events go only to X's own stream.
 */
public class LegacyInstitutionStreamRepository<T> extends EventSourcingRepository<T> {

    private final EventStore eventStore;
    private final String aggregateType;
    private final Function<String, Optional<String>> legacyStream;
    private final BiPredicate<Object, String> belongsTo;

    /**
     * @param legacyStream the institution stream that may hold X's first events, by X's id (empty if none)
     * @param belongsTo    whether an event payload of that stream names X
     */
    public LegacyInstitutionStreamRepository(Builder<T> builder, EventStore eventStore, String aggregateType,
                                             Function<String, Optional<String>> legacyStream,
                                             BiPredicate<Object, String> belongsTo) {
        super(builder.eventStore(eventStore));
        this.eventStore = eventStore;
        this.aggregateType = aggregateType;
        this.legacyStream = legacyStream;
        this.belongsTo = belongsTo;
    }

    /**
     * The repository of an aggregate split out of the institution: event-sourced with Spring's
     * parameter resolvers (its handlers' injected resources are beans), named by its class.
     */
    public static <T> LegacyInstitutionStreamRepository<T> of(Class<T> aggregate, EventStore eventStore,
            org.axonframework.messaging.annotation.ParameterResolverFactory parameterResolverFactory,
            org.axonframework.messaging.annotation.HandlerDefinition handlerDefinition,
            Function<String, Optional<String>> legacyStream, BiPredicate<Object, String> belongsTo) {
        return new LegacyInstitutionStreamRepository<>(EventSourcingRepository.builder(aggregate)
                .parameterResolverFactory(parameterResolverFactory).handlerDefinition(handlerDefinition),
                eventStore, aggregate.getSimpleName(), legacyStream, belongsTo);
    }

    @Override
    protected DomainEventStream readEvents(String aggregateIdentifier) {
        List<? extends DomainEventMessage<?>> own = super.readEvents(aggregateIdentifier).asStream().toList();
        if (!own.isEmpty() && own.get(0).getSequenceNumber() == 0) {
            return DomainEventStream.of(own.stream().map(m -> (DomainEventMessage<?>) m));
        }
        List<DomainEventMessage<?>> events = new ArrayList<>(legacyEvents(aggregateIdentifier));
        if (!own.isEmpty() && own.get(0).getSequenceNumber() != events.size()) {
            throw new IllegalStateException("The stream of " + aggregateIdentifier + " starts at "
                    + own.get(0).getSequenceNumber() + " but " + events.size() + " of its events are in its institution's stream");
        }
        events.addAll(own);
        return DomainEventStream.of(events);
    }

    /** X's events in its institution's stream, re-sequenced 0..n-1 under X; none for an aggregate newer than the split. */
    List<DomainEventMessage<?>> legacyEvents(String aggregateIdentifier) {
        Optional<String> institution = legacyStream.apply(aggregateIdentifier);
        if (institution.isEmpty()) {
            return List.of();
        }
        List<DomainEventMessage<?>> legacy = new ArrayList<>();
        // from sequence 0: the institution's snapshot does not hold X's events
        eventStore.readEvents(institution.get(), 0).asStream()
                .filter(m -> belongsTo.test(m.getPayload(), aggregateIdentifier))
                .forEach(m -> legacy.add(resequenced(m, aggregateIdentifier, legacy.size())));
        return legacy;
    }

    private <P> DomainEventMessage<P> resequenced(DomainEventMessage<P> m, String aggregateIdentifier, long sequence) {
        return new GenericDomainEventMessage<>(aggregateType, aggregateIdentifier, sequence, m, m.getTimestamp());
    }
}
