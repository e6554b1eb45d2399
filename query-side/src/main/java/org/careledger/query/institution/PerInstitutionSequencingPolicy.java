package org.careledger.query.institution;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.messaging.EventMetadata;

/**
 * Events about one institution come from several aggregates (the institution, its children, its
 * attendance days). The views fold them in global order and ignore anything at or before the
 * position they hold, so all of an institution's events must be handled by one segment, in order:
 * this policy sequences by institution rather than by aggregate (the Axon default).
 */
public final class PerInstitutionSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayload() instanceof InstitutionEvent e) {
            return e.institutionId().value();
        }
        Object institution = event.getMetaData().get(EventMetadata.INSTITUTION_ID);
        if (institution != null) {
            return institution.toString();
        }
        return event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : event.getIdentifier();
    }
}
