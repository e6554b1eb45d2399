package org.careledger.kernel.error;

import java.util.List;

/**
 * A refusal with a stable {@link ErrorCode}. Domain code throws it; the HTTP edge translates it
 * to an RFC 9457 problem response in one place. Never parse its message.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final transient List<FieldViolation> violations;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public DomainException(ErrorCode code, String detail, List<FieldViolation> violations) {
        super(detail, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    @Override
    public String toString() {
        return "DomainException[" + code + ": " + getMessage() + "]";
    }
}
