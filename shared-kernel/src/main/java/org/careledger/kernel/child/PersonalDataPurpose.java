package org.careledger.kernel.child;

/**
 * Why someone looks at a child's personal data: the documented list a viewer chooses from
 * (docs/input-rules.md). The code, with the viewer's optional note beside it, is what the
 * {@link ChildPersonalDataViewed} event records as its purpose, e.g. {@code "INSPECTION"} or
 * {@code "INSPECTION: 2026 spring spot check"}. {@link #OTHER} needs the note.
 */
public enum PersonalDataPurpose {
    /** Checking the child's identity when registering or enrolling (入托登记核对). */
    ENROLMENT_CHECK,
    /** Health care: a health check, an illness, medication, allergies. */
    HEALTH_CARE,
    /** Reaching the child's guardian. */
    GUARDIAN_CONTACT,
    /** A safety incident or an emergency. */
    SAFETY_INCIDENT,
    /** A supervisory inspection or spot check. */
    INSPECTION,
    /** Verifying facts behind a subsidy. */
    SUBSIDY_REVIEW,
    /** Handling a complaint. */
    COMPLAINT,
    /** The guardian's own request to see, correct or erase the data. */
    GUARDIAN_REQUEST,
    /** A request from a court, the police or another authority with a legal basis. */
    LEGAL_REQUEST,
    /** Anything else: the note says what. */
    OTHER;

    /** Longest note beside the code. */
    public static final int MAX_NOTE = 200;

    /** What the event records: the code, then ": " and the note if there is one. */
    public String recorded(String note) {
        return note == null || note.isBlank() ? name() : name() + ": " + note.strip();
    }
}
