package org.careledger.command;

import org.axonframework.messaging.MetaData;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.kernel.value.DivisionCode;

/**
 * The metadata every aggregate puts on the events it applies: the institution they are about and
 * its jurisdiction (its division code), read back from an event's metadata where a stream needs it.
 */
public final class InstitutionMetaData {

    private InstitutionMetaData() {
    }

    /** The institution and, if known, its jurisdiction (an enrolment recorded before it was kept knows none). */
    public static MetaData of(InstitutionId institution, DivisionCode division) {
        MetaData meta = MetaData.with(EventMetadata.INSTITUTION_ID, institution.value());
        return division == null ? meta : meta.and(EventMetadata.JURISDICTION, division.value());
    }

    /** The jurisdiction an event's metadata names, or null if it names none. */
    public static DivisionCode jurisdiction(MetaData metaData) {
        Object value = metaData.get(EventMetadata.JURISDICTION);
        return value == null ? null : DivisionCode.parse(value.toString());
    }
}
