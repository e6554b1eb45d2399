package org.careledger.kernel.error;

/**
 * Stable machine codes for every refusal CareLedger can answer. Clients match on these; the
 * text of a message may change, a code may not. Each code names the HTTP status it maps to so
 * the translation to RFC 9457 problem responses happens in exactly one place.
 */
public enum ErrorCode {
    // 400: malformed or invalid input (nothing is written)
    MALFORMED_REQUEST(400, "The request body could not be read"),
    INVALID_INPUT(400, "The request has invalid fields"),
    INVALID_CREDIT_CODE(400, "Not a unified social credit code"),
    INVALID_DIVISION_CODE(400, "Not a GB/T 2260 division code"),
    INVALID_ZONE(400, "Not a configured local zone of the filing's division"),
    INVALID_IDENTIFIER(400, "Not a valid identifier"),
    INVALID_LOCATION(400, "Not a valid geographic location"),
    INVALID_QUERY(400, "The query parameters are invalid"),
    DUPLICATE_KEY(400, "A key appears more than once in one JSON object"),

    // 401/403: who may do what, where
    UNAUTHENTICATED(401, "A valid bearer token is required"),
    FORBIDDEN_ROLE(403, "The caller's role may not do this"),
    NOT_IN_JURISDICTION(403, "The institution is outside the caller's jurisdiction"),
    FEATURE_DISABLED(403, "This feature is disabled in this deployment"),

    // 404
    INSTITUTION_NOT_FOUND(404, "No such institution"),
    CLASS_NOT_FOUND(404, "No such class"),
    NOT_FOUND(404, "No such resource"),

    // 409: state conflicts and business-rule refusals
    CREDIT_CODE_ALREADY_REGISTERED(409, "An institution with this credit code is already registered"),
    INSTITUTION_ALREADY_REGISTERED(409, "This institution has already been registered"),
    ILLEGAL_FILING_TRANSITION(409, "The filing's current status does not allow this"),
    FILING_DOCUMENTS_MISSING(409, "Required filing documents are missing"),
    HEALTH_EVALUATION_NOT_QUALIFIED(409, "The health evaluation report is not rated qualified"),
    CLASS_CAPACITY_EXCEEDS_STANDARD(409, "The class is larger than the national standard allows"),
    FAMILY_CARE_POINT_CAPACITY_EXCEEDED(409, "A family care point may look after at most 5 children"),
    CLASS_ALREADY_EXISTS(409, "A class with this id already exists"),
    CLASS_CLOSED(409, "The class is closed"),
    CLASS_NAME_TAKEN(409, "Another open class of the institution has this name"),
    PUHUI_STATUS_UNCHANGED(409, "The institution already has that 普惠 status"),
    CONCURRENT_MODIFICATION(409, "Another change to the same record won; retry"),
    IDEMPOTENCY_KEY_REUSED(409, "The Idempotency-Key was used with a different request"),

    // children (issue 3)
    INVALID_CITIZEN_ID(400, "Not a valid citizen identity number (GB 11643)"),
    BIRTH_DATE_MISMATCH(400, "The birth date inside the citizen ID does not agree with the stated birth date"),
    CHILD_NOT_FOUND(404, "No such child"),
    PERSONAL_DATA_ERASED(410, "The child's personal data has been erased"),
    INSTITUTION_NOT_ACCEPTING_CHILDREN(409, "Only a filed institution that is not suspended may enrol children"),
    AGE_OUTSIDE_CLASS_BAND(409, "The child's age at the start date does not fit the class type"),
    CHILD_OVER_AGE_LIMIT(409, "Children aged 36 months or more cannot be enrolled"),
    CLASS_FULL(409, "The class has no free place"),
    PREPAYMENT_EXCEEDS_CAP(409, "The contract's prepayment exceeds the jurisdiction's cap"),
    ENTRY_HEALTH_CHECK_MISSING(409, "No valid entry health check (入托体检) is on record"),
    DOUBLE_ENROLMENT(409, "The child already holds an active enrolment"),
    ENROLMENT_NOT_FOUND(404, "No such active enrolment"),
    STAFF_NOT_FOUND(404, "No such staff member"),
    ATTENDANCE_REJECTED(422, "Some attendance records break the rules; nothing was recorded"),
    ATTENDANCE_DAY_IN_FUTURE(400, "Attendance cannot be recorded for a future day"),
    ATTENDANCE_CORRECTION_NEEDS_REASON(409, "Changing records already submitted is a correction and needs a reason"),

    // inspections (issue 5)
    INSPECTION_NOT_FOUND(404, "No such inspection"),
    RECTIFICATION_ORDER_NOT_OPEN(409, "No open rectification order with this id"),

    // subsidies (issue 4)
    NO_SUBSIDY_POLICY(409, "No subsidy policy of this kind is in force for the institution's jurisdiction and period"),
    SUBSIDY_NOT_ELIGIBLE(409, "The institution is not eligible for this subsidy"),
    SUBSIDY_ALREADY_DECIDED(409, "A decision of this kind for this period already exists"),
    SUBSIDY_NOT_AWAITING_DECISION(409, "Nothing in this case awaits an officer's decision"),
    SUBSIDY_NOTHING_TO_PAY(409, "Nothing approved in this case is unpaid"),
    SUBSIDY_CASE_NOT_FOUND(404, "No such subsidy case"),

    // e-license (issue 6)
    LICENCE_VERIFICATION_PENDING(503, "The business licence is still being verified with the e-license platform"),
    LICENCE_NOT_VERIFIED(409, "The business licence could not be verified; an inspector may override with a reason"),
    LICENCE_OVERRIDE_NOT_NEEDED(409, "The licence is already verified or overridden"),
    NOTIFICATION_UNAUTHENTICATED(401, "The notification's platform, signature, timestamp or nonce is not valid"),

    // domain correctness (issue 13, docs/domain.md)
    BEFORE_FILING_APPROVAL(409, "The date lies before the institution's filing was approved"),
    SUBSIDY_PERIOD_OVERLAPS(409, "The period overlaps a case of the same kind for this institution"),
    SUBSIDY_DECISION_PENDING(409, "A decision in this case is still pending; decide it before recomputing"),
    SUBSIDY_CASE_REJECTED(409, "The case was rejected; a rejected case is not recomputed"),

    // open data (issue 16 §2)
    AS_OF_IN_FUTURE(400, "The register of a day that has not begun cannot be shown"),

    // other
    METHOD_NOT_ALLOWED(405, "This method is not allowed on this resource"),
    NOT_ACCEPTABLE(406, "No acceptable representation"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    URI_TOO_LONG(414, "The request URI is too long"),
    HEADERS_TOO_LARGE(431, "The request headers are too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported content type"),
    RATE_LIMITED(429, "Too many requests"),
    PROJECTION_NOT_CAUGHT_UP(503, "The view has not yet processed the requested position"),
    SERVICE_OVERLOADED(503, "Too many commands are waiting; retry shortly"),
    // issue 12 §3b (ADR 0021)
    DEADLINE_EXCEEDED(503, "The request did not complete within its deadline; retry shortly"),
    STORE_UNAVAILABLE(503, "A store the request needs is unavailable, full or not answering; retry shortly"),
    INTERNAL_ERROR(500, "Internal error");

    private final int httpStatus;
    private final String title;

    ErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
