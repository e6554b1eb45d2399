package org.careledger.kernel.messaging;

/**
 * Metadata keys present on every command and event. The command edge sets the caller and the
 * correlation id; causation is the id of the message that caused the event; aggregates add the
 * institution id and jurisdiction (the institution's division code) when they apply events.
 */
public final class EventMetadata {

    /** One id for everything a single request or process caused. */
    public static final String CORRELATION_ID = "correlationId";
    /** Id of the message (usually the command) that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    /** The institution an operator acts for (from the token). */
    public static final String ACTOR_INSTITUTION_ID = "actorInstitutionId";
    /** The jurisdiction prefix an inspector or officer acts within (from the token). */
    public static final String ACTOR_JURISDICTION = "actorJurisdiction";
    /** The institution the event is about. */
    public static final String INSTITUTION_ID = "institutionId";
    /** The division code of the institution the event is about. */
    public static final String JURISDICTION = "jurisdiction";

    private EventMetadata() {
    }
}
