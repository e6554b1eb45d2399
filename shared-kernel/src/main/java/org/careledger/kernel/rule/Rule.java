package org.careledger.kernel.rule;

import java.util.List;
import java.util.Optional;

import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;

/**
 * A named rule with a source (a national standard, a local policy, a decision record): it lets a
 * subject pass or refuses it with a {@link Rejection}. Rules do no I/O; what they judge is handed
 * to them as the subject. Command handlers call {@link #enforce}, which throws the rejection as
 * the {@link org.careledger.kernel.error.DomainException} the HTTP edge turns into a problem.
 *
 * @param <T> what the rule judges (often a small record of the facts it needs)
 */
@FunctionalInterface
public interface Rule<T> {

    /** The rejection of the subject, or empty when the rule holds. */
    Optional<Rejection> check(T subject);

    /** Refuses the subject by throwing the rule's rejection; returns when the rule holds. */
    default void enforce(T subject) {
        Optional<Rejection> rejection = check(subject);
        if (rejection.isPresent()) {
            throw rejection.get().toException();
        }
    }

    /** What a rule answers when it holds. */
    static Optional<Rejection> holds() {
        return Optional.empty();
    }

    /** What a rule answers when it refuses. */
    static Optional<Rejection> refuse(ErrorCode code, String source, String message) {
        return Optional.of(new Rejection(code, message, source, List.of()));
    }

    /** What a rule answers when it refuses, naming the fields at fault. */
    static Optional<Rejection> refuse(ErrorCode code, String source, String message, List<FieldViolation> violations) {
        return Optional.of(new Rejection(code, message, source, violations));
    }
}
