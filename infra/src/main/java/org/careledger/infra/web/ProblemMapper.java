package org.careledger.infra.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * The one place where failures become RFC 9457 problem responses. Every answer carries a stable
 * {@code code}; input errors also carry {@code errors: [{field, code, message}]}. Internal errors
 * are logged with a reference and answered without internals.
 */
public final class ProblemMapper {

    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);
    public static final String TYPE_PREFIX = "urn:careledger:problem:";

    /** A problem ready to write: status, body, and an optional Retry-After in seconds. */
    public record Problem(int status, Map<String, Object> body, Integer retryAfterSeconds) {
        public String code() {
            return (String) body.get("code");
        }
    }

    private ProblemMapper() {
    }

    public static Problem map(Throwable failure, String instance) {
        DomainException domain = findDomainException(failure);
        if (domain != null) {
            // a refusal is an answer, not a fault: INFO, code only (details may name a case), no stack trace
            log.info("Refused with {} on {}", domain.code(), instance);
            return problem(domain.code(), domain.detail(), domain.violations(), instance);
        }
        Throwable t = failure instanceof CommandExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        // a store full, gone or not answering: 503; a duplicate event key: another instance's write (ADR 0021)
        Problem storeFault = StoreFaults.map(failure, instance);
        if (storeFault != null) {
            return storeFault;
        }
        if (t instanceof AggregateNotFoundException) {
            return problem(ErrorCode.NOT_FOUND, "No record with this id exists", List.of(), instance);
        }
        if (t instanceof ConcurrencyException) {
            return problem(ErrorCode.CONCURRENT_MODIFICATION, "Another change to the same record won; retry", List.of(), instance);
        }
        if (hasCause(t, RejectedExecutionException.class)) {
            return problem(ErrorCode.SERVICE_OVERLOADED, ErrorCode.SERVICE_OVERLOADED.title(), List.of(), instance);
        }
        if (hasCause(t, DataBufferLimitException.class)) {
            return problem(ErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds the allowed size", List.of(), instance);
        }
        if (t instanceof AuthenticationException) {
            return problem(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required", List.of(), instance);
        }
        if (t instanceof AccessDeniedException) {
            return problem(ErrorCode.FORBIDDEN_ROLE, "The caller may not do this", List.of(), instance);
        }
        if (t instanceof UnsupportedMediaTypeStatusException) {
            return problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send application/json", List.of(), instance);
        }
        if (t instanceof MethodNotAllowedException) {
            return problem(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed here", List.of(), instance);
        }
        if (t instanceof NotAcceptableStatusException) {
            return problem(ErrorCode.NOT_ACCEPTABLE, "No acceptable representation", List.of(), instance);
        }
        Problem json = JsonInputProblems.map(t, instance);
        if (json != null) {
            return json;
        }
        if (t instanceof ServerWebInputException input) {
            return problem(ErrorCode.MALFORMED_REQUEST, describe(input), List.of(), instance);
        }
        if (t instanceof DecodingException) {
            return problem(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON of the expected shape", List.of(), instance);
        }
        if (t instanceof ResponseStatusException rse) {
            int status = rse.getStatusCode().value();
            if (status == 404) {
                return problem(ErrorCode.NOT_FOUND, "No resource at this path", List.of(), instance);
            }
            if (status == 413) {
                return problem(ErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds the allowed size", List.of(), instance);
            }
            if (status >= 400 && status < 500) {
                return problem(ErrorCode.MALFORMED_REQUEST, rse.getReason() == null ? "Bad request" : rse.getReason(), List.of(), instance);
            }
        }
        String reference = java.util.UUID.randomUUID().toString();
        log.error("Unhandled failure (reference {}) on {}", reference, instance, failure);
        return problem(ErrorCode.INTERNAL_ERROR, "Internal error; reference " + reference, List.of(), instance);
    }

    private static String describe(ServerWebInputException input) {
        if (hasCause(input, DecodingException.class) || input.getCause() != null || isTypeMismatch(input)) {
            return "The request body is not valid JSON of the expected shape";
        }
        return input.getReason() == null ? "The request is malformed" : input.getReason();
    }

    /**
     * A query parameter that is not of its type ({@code size=abc}) bound into a parameter record: a
     * binding failure, without a cause. Answered as the same mistake in a {@code @RequestParam} is
     * (whose conversion failure is the cause).
     */
    private static boolean isTypeMismatch(ServerWebInputException input) {
        return input instanceof WebExchangeBindException binding && binding.getErrorCount() > 0
                && binding.getErrorCount() == binding.getFieldErrorCount()
                && binding.getFieldErrors().stream().allMatch(FieldError::isBindingFailure);
    }

    public static Problem problem(ErrorCode code, String detail, List<FieldViolation> violations, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URI.create(TYPE_PREFIX + code.name().toLowerCase(Locale.ROOT).replace('_', '-')).toString());
        body.put("title", code.title());
        body.put("status", code.httpStatus());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("code", code.name());
        if (!violations.isEmpty()) {
            body.put("errors", violations.stream().map(v -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("field", v.field());
                e.put("code", v.code());
                e.put("message", v.message());
                return e;
            }).toList());
        }
        Integer retryAfter = code.httpStatus() == 503 ? 1 : null;
        return new Problem(code.httpStatus(), body, retryAfter);
    }

    /** The refusal inside a failure: thrown directly, or carried by Axon as a command's details. */
    public static DomainException findDomainException(Throwable t) {
        for (Throwable current : Causes.chain(t)) {
            if (current instanceof DomainException d) {
                return d;
            }
            if (current instanceof CommandExecutionException cee && cee.getDetails().orElse(null) instanceof DomainException d) {
                return d;
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        return Causes.has(t, type);
    }
}
