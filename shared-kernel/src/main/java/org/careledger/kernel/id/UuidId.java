package org.careledger.kernel.id;

import org.careledger.kernel.value.StringValue;

/**
 * The opaque, UUID-shaped ids: a lower-case UUID, stored and shown as the bare string
 * ({@link StringValue}). Each id checks its value with {@link #require} in its constructor and
 * draws new ones with {@link #random()}; what differs between them is only the name a refusal uses.
 */
public sealed interface UuidId extends StringValue permits ChildRef, ClassId, EnrolmentId, InstitutionId, StaffRef {

    /** {@code value} if it is a lower-case UUID, else {@code INVALID_IDENTIFIER} naming {@code kind}. */
    static String require(String kind, String value) {
        return Ids.requireUuid(kind, value);
    }

    /** A new random value. */
    static String random() {
        return Ids.newUuid();
    }
}
