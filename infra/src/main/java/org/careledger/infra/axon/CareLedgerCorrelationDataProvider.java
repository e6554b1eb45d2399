package org.careledger.infra.axon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.careledger.kernel.messaging.EventMetadata;

/**
 * Puts the audit metadata on every message a handler produces: the correlation id of the whole
 * request (kept from the incoming message, or its id if it has none), the causation id (the id of
 * the message being handled) and the acting caller. Aggregates add institution id and jurisdiction.
 */
public class CareLedgerCorrelationDataProvider implements CorrelationDataProvider {

    private static final List<String> CARRIED = List.of(EventMetadata.ACTOR_ID, EventMetadata.ACTOR_ROLE,
            EventMetadata.ACTOR_INSTITUTION_ID, EventMetadata.ACTOR_JURISDICTION);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object correlation = message.getMetaData().get(EventMetadata.CORRELATION_ID);
        data.put(EventMetadata.CORRELATION_ID, correlation != null ? correlation : message.getIdentifier());
        data.put(EventMetadata.CAUSATION_ID, message.getIdentifier());
        for (String key : CARRIED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        return data;
    }
}
