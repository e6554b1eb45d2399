package org.careledger.query.whitelist;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The public register as CSV (RFC 4180): a header line, then one record per entry; records end in
 * CRLF; a field with a comma, a double quote, CR or LF is enclosed in double quotes, a double quote
 * in it doubled. The columns are fixed and documented in docs/api.md ({@link #COLUMNS}); list-valued
 * fields are joined with {@code ;} (enumeration names) or given as the entry's JSON array (classes,
 * fees). A text field that a spreadsheet would run as a formula (it begins with {@code = + - @},
 * a tab or CR) is prefixed with an apostrophe (OWASP CSV injection).
 */
final class RegisterCsv {

    /** A column: its header and how its value is read from an entry. */
    private record Column(String header, Function<Row, String> value) {
    }

    /** An entry being written: its public JSON and what the register keeps beside it. */
    private record Row(JsonNode entry, Instant statusChangedAt) {

        String text(String field) {
            JsonNode value = entry.get(field);
            return value == null || value.isNull() ? "" : guarded(value.asText());
        }

        String plain(String field) {
            JsonNode value = entry.get(field);
            return value == null || value.isNull() ? "" : value.asText();
        }

        String joined(String field) {
            JsonNode values = entry.get(field);
            if (values == null || !values.isArray()) {
                return "";
            }
            StringBuilder out = new StringBuilder();
            values.forEach(v -> out.append(out.length() == 0 ? "" : ";").append(v.asText()));
            return out.toString();
        }

        String array(String field) {
            JsonNode values = entry.get(field);
            return values == null || values.isNull() ? "[]" : values.toString();
        }
    }

    static final List<Column> COLUMNS = List.of(
            new Column("filingNumber", r -> r.plain("filingNumber")),
            new Column("name", r -> r.text("name")),
            new Column("status", r -> r.plain("status")),
            new Column("statusChangedAt", r -> r.statusChangedAt() == null ? "" : r.statusChangedAt().toString()),
            new Column("institutionType", r -> r.plain("institutionType")),
            new Column("division", r -> r.plain("division")),
            new Column("address", r -> r.text("address")),
            new Column("latitude", r -> r.entry().path("location").path("latitude").asText("")),
            new Column("longitude", r -> r.entry().path("location").path("longitude").asText("")),
            new Column("creditCode", r -> r.plain("creditCode")),
            new Column("puhui", r -> r.plain("puhui")),
            new Column("puhuiSince", r -> r.plain("puhuiSince")),
            new Column("serviceTypes", r -> r.joined("serviceTypes")),
            new Column("classTypes", r -> r.joined("classTypes")),
            new Column("totalPlaces", r -> r.plain("totalPlaces")),
            new Column("vacancies", r -> r.plain("vacancies")),
            new Column("classes", r -> r.array("classes")),
            new Column("fees", r -> r.array("fees")),
            new Column("filedAt", r -> r.plain("filedAt")),
            new Column("lastChangedAt", r -> r.plain("lastChangedAt")),
            new Column("certificateNumber", r -> r.plain("certificateNumber")),
            new Column("medicalAgreementPartner", r -> r.text("medicalAgreementPartner")),
            new Column("latestInspectionOn", r -> r.plain("latestInspectionOn")),
            new Column("latestInspectionOutcome", r -> r.plain("latestInspectionOutcome")));

    private final ObjectMapper json;

    RegisterCsv(ObjectMapper json) {
        this.json = json;
    }

    static String header() {
        StringBuilder line = new StringBuilder();
        for (Column c : COLUMNS) {
            line.append(line.length() == 0 ? "" : ",").append(c.header());
        }
        return line.append("\r\n").toString();
    }

    /** The record of an entry (its public JSON as answered, and the time of its last status change). */
    String record(String entryJson, Instant statusChangedAt) {
        Row row;
        try {
            row = new Row(json.readTree(entryJson), statusChangedAt);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a public register entry", e);
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(COLUMNS.get(i).value().apply(row)));
        }
        return line.append("\r\n").toString();
    }

    /** A field as RFC 4180 writes it: quoted when it holds a comma, a quote, CR or LF. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Text a spreadsheet would take for a formula is kept as text. */
    static String guarded(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
