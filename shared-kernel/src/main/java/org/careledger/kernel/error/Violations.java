package org.careledger.kernel.error;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Collects field violations so that a request reports every invalid field at once rather than the
 * first one only.
 */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String code, String message) {
        found.add(new FieldViolation(field, code, message));
        return this;
    }

    /** Runs a parser and records its {@link DomainException} against the field instead of throwing. */
    public <T> T parse(String field, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (DomainException e) {
            if (e.violations().isEmpty()) {
                add(field, e.code().name(), e.detail());
            } else {
                e.violations().forEach(v -> add(prefixed(field, v.field()), v.code(), v.message()));
            }
            return null;
        }
    }

    public <T> T required(String field, T value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(field, "REQUIRED", field + " is required");
        }
        return value;
    }

    /**
     * An enum value named by {@code raw}, case and surrounding blanks ignored; null when absent. An
     * unknown name is recorded as {@code UNKNOWN_VALUE} listing the names allowed (and null answered).
     */
    public <E extends Enum<E>> E enumValue(String field, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            add(field, "UNKNOWN_VALUE", field + " must be one of " + EnumSet.allOf(type));
            return null;
        }
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<FieldViolation> list() {
        return List.copyOf(found);
    }

    /** Throws {@link ErrorCode#INVALID_INPUT} (or the single code found) if any violation was recorded. */
    public void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        throw new DomainException(ErrorCode.INVALID_INPUT,
                found.size() == 1 ? found.get(0).message() : found.size() + " fields are invalid", found);
    }

    private static String prefixed(String outer, String inner) {
        if (inner == null || inner.isEmpty()) {
            return outer;
        }
        return outer + "." + inner;
    }
}
