package org.careledger.kernel.id;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;

/**
 * The one rule for identifiers that are not typed ids of their own (subsidy cases, inspections,
 * rectification orders): the same shape check as {@link InstitutionId} and friends, and the same
 * {@code INVALID_IDENTIFIER} refusal wherever the identifier appears (ADR 0020).
 */
public final class Identifiers {

    /** A rectification order's id: R1, R2, …; for published contracts too. */
    public static final String ORDER_ID_PATTERN = "^R[1-9][0-9]{0,2}$";
    /** The opaque identifiers' shape, a lower-case UUID; for published contracts too. */
    public static final String UUID_PATTERN = Ids.UUID_SHAPE.pattern();
    private static final Pattern ORDER_ID = Pattern.compile(ORDER_ID_PATTERN);

    private Identifiers() {
    }

    /** A lower-case UUID, or {@code INVALID_IDENTIFIER} naming {@code kind}. */
    public static String uuid(String kind, String value) {
        return Ids.requireUuid(kind, value);
    }

    /** A rectification order's id within its inspection: R1, R2, … */
    public static String orderId(String value) {
        if (value == null || !ORDER_ID.matcher(value).matches()) {
            throw new DomainException(ErrorCode.INVALID_IDENTIFIER, "An order id is R followed by its number, e.g. R1");
        }
        return value;
    }

    /**
     * An identifier from the request path, parsed by {@code parser}; anything else is
     * {@code INVALID_IDENTIFIER} naming {@code what}, with {@code errors[0]} = {field:
     * "path.<what>", code: INVALID_IDENTIFIER}, the same field code a malformed id in a body gets.
     */
    public static <T> T inPath(String raw, Function<String, T> parser, String what) {
        try {
            return parser.apply(raw);
        } catch (DomainException | IllegalArgumentException e) {
            String detail = "The " + what + " in the path is not a valid identifier";
            throw new DomainException(ErrorCode.INVALID_IDENTIFIER, detail, List.of(new FieldViolation(
                    "path." + what.replace(' ', '-'), ErrorCode.INVALID_IDENTIFIER.name(), detail)));
        }
    }
}
