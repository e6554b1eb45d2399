package org.careledger.infra.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.careledger.kernel.filing.FilingAmended;
import org.careledger.kernel.filing.FilingSubmitted;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Upcasters of the filing events that gained a local zone (docs/domain.md rule F7; docs/events.md):
 * revision 1 of {@link FilingSubmitted} and {@link FilingAmended} becomes revision 2 with
 * {@code "zone": null} (no zone: they were written before zones existed). Axon applies the upcaster
 * beans to every event read from the store.
 */
@Configuration(proxyBeanMethods = false)
public class FilingZoneUpcasters {

    @Bean
    AddNullZone filingSubmittedRevisionOneUpcaster() {
        return new AddNullZone(FilingSubmitted.class.getName());
    }

    @Bean
    AddNullZone filingAmendedRevisionOneUpcaster() {
        return new AddNullZone(FilingAmended.class.getName());
    }

    /** Revision 1 of the payload type to revision 2: adds {@code "zone": null}. */
    public static final class AddNullZone extends SingleEventUpcaster {

        private final SimpleSerializedType from;
        private final SimpleSerializedType to;

        public AddNullZone(String payloadType) {
            this.from = new SimpleSerializedType(payloadType, "1");
            this.to = new SimpleSerializedType(payloadType, "2");
        }

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return from.equals(representation.getType());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(to, JsonNode.class, node -> {
                if (node instanceof ObjectNode object && !object.has("zone")) {
                    object.putNull("zone");
                }
                return node;
            });
        }
    }
}
