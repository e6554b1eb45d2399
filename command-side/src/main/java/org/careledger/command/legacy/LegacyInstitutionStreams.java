package org.careledger.command.legacy;

import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the repositories of the aggregates split out of the institution (ADR 0023) on the
 * application's event store, with Spring's parameter resolvers and handler definitions: a split
 * aggregate's configuration names only how its legacy events are found.
 */
@Component
public class LegacyInstitutionStreams {

    private final EventStore eventStore;
    private final ParameterResolverFactory parameterResolverFactory;
    private final HandlerDefinition handlerDefinition;

    LegacyInstitutionStreams(EventStore eventStore, ParameterResolverFactory parameterResolverFactory,
                             HandlerDefinition handlerDefinition) {
        this.eventStore = eventStore;
        this.parameterResolverFactory = parameterResolverFactory;
        this.handlerDefinition = handlerDefinition;
    }

    /**
     * @param legacyStream the institution stream that may hold the aggregate's first events, by its id (empty if none)
     * @param belongsTo    whether an event payload of that stream names the aggregate
     */
    public <T> LegacyInstitutionStreamRepository<T> repository(Class<T> aggregate,
            Function<String, Optional<String>> legacyStream, BiPredicate<Object, String> belongsTo) {
        return LegacyInstitutionStreamRepository.of(aggregate, eventStore, parameterResolverFactory, handlerDefinition,
                legacyStream, belongsTo);
    }
}
