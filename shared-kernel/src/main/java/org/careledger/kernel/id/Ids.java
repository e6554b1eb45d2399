package org.careledger.kernel.id;

import java.util.UUID;
import java.util.regex.Pattern;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;

/** Validation shared by the opaque, UUID-shaped identifiers. */
final class Ids {

    static final Pattern UUID_SHAPE =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private Ids() {
    }

    static String requireUuid(String kind, String value) {
        if (value == null || !UUID_SHAPE.matcher(value).matches()) {
            throw new DomainException(ErrorCode.INVALID_IDENTIFIER,
                    kind + " must be a lower-case UUID, got " + (value == null ? "nothing" : "'" + abbreviate(value) + "'"));
        }
        return value;
    }

    static String newUuid() {
        return UUID.randomUUID().toString();
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
