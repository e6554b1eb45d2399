package org.careledger.command.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.FeeUnit;
import org.careledger.kernel.value.FilingDocument;
import org.careledger.kernel.value.FilingDocumentType;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.value.ServiceType;

/**
 * Turns raw request fields into value objects, recording every problem against its field in a
 * {@link Violations} so a request reports all its invalid fields at once.
 */
public final class RequestParsing {

    static final int MAX_TEXT = InputRules.MAX_TEXT;
    static final int MAX_REASON = InputRules.MAX_REASON;
    static final int MAX_ITEMS = InputRules.MAX_ITEMS;
    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private RequestParsing() {
    }

    /**
     * Where parsing a request body starts: the body is required (400 MALFORMED_REQUEST without one),
     * and the problems of its fields are collected in the answered {@link Violations}, to be reported together.
     */
    public static Violations violationsFor(Object body) {
        if (body == null) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "A JSON request body is required");
        }
        return new Violations();
    }

    /**
     * An identifier from the request path; anything else is {@code INVALID_IDENTIFIER}, naming
     * {@code what}, with the same {@code errors[].code} a malformed identifier in a body gets (ADR 0020).
     */
    public static <T> T pathId(String raw, java.util.function.Function<String, T> parser, String what) {
        return org.careledger.kernel.id.Identifiers.inPath(raw, parser, what);
    }

    /** The institution id of a request path ({@link #pathId}). */
    public static InstitutionId institutionInPath(String raw) {
        return pathId(raw, InstitutionId::new, "institution id");
    }

    public static String text(Violations v, String field, String raw, boolean required, int max) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                v.add(field, "REQUIRED", field + " is required");
            }
            return null;
        }
        String trimmed = raw.strip();
        if (trimmed.length() > max) {
            v.add(field, "TOO_LONG", field + " is longer than " + max + " characters");
            return null;
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c))) {
            v.add(field, "INVALID_CHARACTERS", field + " contains control characters");
            return null;
        }
        return trimmed;
    }

    public static <E extends Enum<E>> E enumValue(Violations v, String field, String raw, Class<E> type, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                v.add(field, "REQUIRED", field + " is required");
            }
            return null;
        }
        return v.enumValue(field, raw, type);
    }

    /** A date in any plausible window ({@link InputRules#ANY_DATE}). */
    public static LocalDate date(Violations v, String field, String raw, boolean required) {
        return date(v, field, raw, required, InputRules.ANY_DATE);
    }

    /**
     * A date written YYYY-MM-DD that lies in {@code window} (ADR 0020): anything else is recorded
     * against the field ({@code INVALID_DATE} or {@code OUT_OF_RANGE}).
     */
    public static LocalDate date(Violations v, String field, String raw, boolean required, InputRules.DateWindow window) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                v.add(field, "REQUIRED", field + " is required");
            }
            return null;
        }
        String trimmed = raw.strip();
        LocalDate date;
        try {
            date = ISO_DATE.matcher(trimmed).matches() ? LocalDate.parse(trimmed) : null;
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null) {
            v.add(field, "INVALID_DATE", field + " must be a date YYYY-MM-DD");
            return null;
        }
        if (!window.contains(date, InputRules.today())) {
            v.add(field, "OUT_OF_RANGE", field + " must lie " + window.describe() + " (" + window.name() + ")");
            return null;
        }
        return date;
    }

    static <T> List<T> list(Violations v, String field, List<T> raw, boolean required) {
        if (raw == null || raw.isEmpty()) {
            if (required) {
                v.add(field, "REQUIRED", field + " needs at least one entry");
            }
            return List.of();
        }
        if (raw.size() > MAX_ITEMS) {
            v.add(field, "TOO_MANY", field + " has more than " + MAX_ITEMS + " entries");
            return List.of();
        }
        return raw;
    }

    /**
     * Each item of a list field with its field name ({@code fees[0]}, …): a null item is added to
     * the violations as {@code REQUIRED} ("fees[0] is empty") and skipped, the others are handed on.
     */
    static <T> void eachItem(Violations v, String field, List<T> items, BiConsumer<String, T> item) {
        for (int i = 0; i < items.size(); i++) {
            String f = field + "[" + i + "]";
            T b = items.get(i);
            if (b == null) {
                v.add(f, "REQUIRED", f + " is empty");
            } else {
                item.accept(f, b);
            }
        }
    }

    static GeoPoint location(Violations v, FilingRequests.LocationBody raw) {
        if (raw == null) {
            v.add("location", "REQUIRED", "location is required");
            return null;
        }
        if (raw.latitude() == null || raw.longitude() == null) {
            v.add("location", "REQUIRED", "location needs latitude and longitude");
            return null;
        }
        return v.parse("location", () -> new GeoPoint(raw.latitude(), raw.longitude()));
    }

    static Set<ServiceType> serviceTypes(Violations v, List<String> raw) {
        Set<ServiceType> types = new LinkedHashSet<>();
        List<String> items = list(v, "serviceTypes", raw, true);
        for (int i = 0; i < items.size(); i++) {
            ServiceType t = enumValue(v, "serviceTypes[" + i + "]", items.get(i), ServiceType.class, true);
            if (t != null) {
                types.add(t);
            }
        }
        return types;
    }

    static List<Fee> fees(Violations v, List<FilingRequests.FeeBody> raw) {
        List<Fee> fees = new ArrayList<>();
        eachItem(v, "fees", list(v, "fees", raw, false), (f, b) -> {
            String item = text(v, f + ".item", b.item(), true, MAX_TEXT);
            FeeUnit unit = enumValue(v, f + ".unit", b.unit(), FeeUnit.class, true);
            if (b.amountFen() == null) {
                v.add(f + ".amountFen", "REQUIRED", "amountFen is required");
            } else if (b.amountFen() < 0 || b.amountFen() > InputRules.MAX_FEE_FEN) {
                v.add(f + ".amountFen", "OUT_OF_RANGE", "amountFen must be between 0 and 100000000 fen");
            } else if (item != null && unit != null) {
                fees.add(new Fee(item, b.amountFen(), unit));
            }
        });
        return fees;
    }

    static List<FilingDocument> documents(Violations v, List<FilingRequests.DocumentBody> raw) {
        List<FilingDocument> documents = new ArrayList<>();
        eachItem(v, "documents", list(v, "documents", raw, true), (f, b) -> {
            FilingDocumentType type = enumValue(v, f + ".type", b.type(), FilingDocumentType.class, true);
            String reference = text(v, f + ".reference", b.reference(), true, MAX_TEXT);
            LocalDate issuedOn = date(v, f + ".issuedOn", b.issuedOn(), false, InputRules.DOCUMENT_ISSUED);
            if (type != null && reference != null) {
                documents.add(new FilingDocument(type, reference, issuedOn, b.qualified()));
            }
        });
        return documents;
    }

    static String reason(Violations v, String raw, boolean required) {
        return text(v, "reason", raw, required, MAX_REASON);
    }

}
