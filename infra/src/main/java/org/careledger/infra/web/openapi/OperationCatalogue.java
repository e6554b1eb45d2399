package org.careledger.infra.web.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.careledger.kernel.error.ErrorCode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The words of the API contract, read from {@code openapi/operations.yaml}: the tags with their
 * descriptions and, for every operation (keyed {@code "METHOD /path"}), its operationId, tag,
 * summary, description, optional example file and the domain refusal codes it can answer.
 */
record OperationCatalogue(Map<String, String> tags, Map<String, Entry> operations) {

    static final String RESOURCE = "openapi/operations.yaml";

    /** One operation's words. {@code example} names a file under {@code openapi/examples/}, or is null. */
    record Entry(String id, String tag, String summary, String description, String example, List<ErrorCode> codes) {
    }

    static OperationCatalogue load() {
        try (InputStream in = OperationCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, String> tags = new LinkedHashMap<>();
            map(root.get("tags")).forEach((name, text) -> tags.put(name, String.valueOf(text)));
            Map<String, Entry> operations = new LinkedHashMap<>();
            map(root.get("operations")).forEach((key, value) -> operations.put(key, entry(key, map(value), tags)));
            return new OperationCatalogue(Map.copyOf(tags), operations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry entry(String key, Map<String, Object> raw, Map<String, String> tags) {
        String tag = text(key, raw, "tag");
        if (!tags.containsKey(tag)) {
            throw new IllegalStateException(RESOURCE + ": " + key + " names the undefined tag " + tag);
        }
        Object codes = raw.getOrDefault("codes", List.of());
        List<ErrorCode> parsed = codes instanceof List<?> list
                ? list.stream().map(code -> ErrorCode.valueOf(String.valueOf(code))).toList()
                : List.of();
        return new Entry(text(key, raw, "id"), tag, text(key, raw, "summary"), text(key, raw, "description"),
                raw.get("example") == null ? null : String.valueOf(raw.get("example")), parsed);
    }

    private static String text(String key, Map<String, Object> raw, String field) {
        Object value = raw.get(field);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalStateException(RESOURCE + ": " + key + " has no " + field);
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
