package org.careledger.kernel.rule;

import java.util.List;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * Why a {@link Rule} refused: the stable code, a message for people, the rule's source and, where
 * the refusal is about fields, the fields at fault.
 */
@ValueObject
public record Rejection(ErrorCode code, String message, String source, List<FieldViolation> violations) {

    public Rejection {
        violations = List.copyOf(violations);
    }

    /** The refusal as the exception command handlers throw. */
    public DomainException toException() {
        return new DomainException(code, message, violations);
    }
}
