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
        if (payloadOf(event) instanceof InstitutionEvent e) {
            return e.institutionId().value();
        }
        Object institution = event.getMetaData().get(EventMetadata.INSTITUTION_ID);
        if (institution != null) {
            return storable(institution.toString());
        }
        return event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : event.getIdentifier();
    }

    /**
     * The payload, or null when it cannot be read: the policy runs before any handler, where a
     * failure would stop the processor instead of parking the event (ADR 0018). The handler then
     * fails on the same payload and the event is parked.
     */
    private static Object payloadOf(EventMessage<?> event) {
        try {
            return event.getPayload();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Metadata is not checked like a payload: an institution id there that the dead-letter table
     * cannot hold as a sequence (a NUL, or longer than its column) is replaced by a digest of it, so
     * that an event carrying it can still be parked (ADR 0018).
     */
    static String storable(String id) {
        if (!id.isEmpty() && id.length() <= 64 && id.chars().noneMatch(Character::isISOControl)) {
            return id;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "unreadable-institution-id:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
