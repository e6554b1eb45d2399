package org.careledger.infra.web;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;
import org.springframework.core.codec.DecodingException;

/**
 * Turns the strict JSON reader's refusals ({@link StrictJson}) into problems that name the field:
 * a key given twice answers {@code DUPLICATE_KEY}, a value of the wrong JSON type answers
 * {@code MALFORMED_REQUEST} (as before) but now with {@code errors[].code = WRONG_TYPE} and the
 * field's path (or {@code OUT_OF_RANGE} for a number too large for its field). Anything else is left to {@link ProblemMapper}.
 */
final class JsonInputProblems {

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) \"?'?([^'\"]*)'?\"?");

    private JsonInputProblems() {
    }

    /** The problem for a JSON reading failure somewhere in {@code failure}'s causes, or null if there is none. */
    static ProblemMapper.Problem map(Throwable failure, String instance) {
        // only a request body's decoding: a JSON failure elsewhere (events, stores) is not the client's fault
        if (!hasCause(failure, DecodingException.class)) {
            return null;
        }
        JsonProcessingException json = find(failure);
        if (json == null || json instanceof InvalidDefinitionException) {
            return null;
        }
        String message = json.getOriginalMessage() == null ? "" : json.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            String field = duplicatePath(json, duplicate.group(1));
            return ProblemMapper.problem(ErrorCode.DUPLICATE_KEY, "The key '" + field + "' appears more than once",
                    List.of(new FieldViolation(field, "DUPLICATE_KEY", field + " is given more than once")), instance);
        }
        if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping.getPath());
            if (hasCause(mapping, InputCoercionException.class)) {
                return ProblemMapper.problem(ErrorCode.MALFORMED_REQUEST, field + " is out of range",
                        List.of(new FieldViolation(field, "OUT_OF_RANGE", field + " is too large for its field")), instance);
            }
            String expected = mapping instanceof MismatchedInputException mismatch ? expected(mismatch.getTargetType()) : null;
            String text = field + (expected == null ? " has the wrong type" : " must be " + expected);
            return ProblemMapper.problem(ErrorCode.MALFORMED_REQUEST, text,
                    List.of(new FieldViolation(field, "WRONG_TYPE", text)), instance);
        }
        return null;
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return null;
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class || target == java.math.BigInteger.class) {
            return "an integer (no fraction, no quotes)";
        }
        if (target == Double.class || target == double.class || target == Float.class || target == float.class
                || target == java.math.BigDecimal.class) {
            return "a number (no quotes)";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false (no quotes)";
        }
        if (target == String.class || target.isEnum()) {
            return "a string";
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "an object";
        }
        return null;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    /** The duplicated key's path: the objects and arrays that enclose it, then the key itself. */
    private static String duplicatePath(JsonProcessingException e, String key) {
        Deque<String> parts = new ArrayDeque<>();
        StreamReadException read = innermost(e);
        JsonParser parser = read == null ? null : read.getProcessor();
        JsonStreamContext context = parser == null ? null : parser.getParsingContext();
        if (context != null) {
            JsonStreamContext enclosing = context.getParent();
            while (enclosing != null && !enclosing.inRoot()) {
                if (enclosing.inArray()) {
                    parts.push("[" + Math.max(enclosing.getCurrentIndex(), 0) + "]");
                } else if (enclosing.getCurrentName() != null) {
                    parts.push("." + enclosing.getCurrentName());
                }
                enclosing = enclosing.getParent();
            }
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            parts.push("." + path(mapping.getPath()));
        }
        StringBuilder path = new StringBuilder();
        parts.forEach(path::append);
        path.append('.').append(key);
        return path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    private static StreamReadException innermost(Throwable t) {
        return Causes.last(t, StreamReadException.class);
    }

    private static JsonProcessingException find(Throwable t) {
        return Causes.first(t, JsonProcessingException.class);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        return Causes.has(t, type);
    }
}
