package org.careledger.kernel.error;

/** One invalid field of a request: which field, a stable code, and a readable message. */
public record FieldViolation(String field, String code, String message) {
}
