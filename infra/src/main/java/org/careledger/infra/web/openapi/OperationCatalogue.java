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
record OperationCatalogue(Map<String, String> tags, Map<String, String> audiences, Map<String, Entry> operations) {

    static final String RESOURCE = "openapi/operations.yaml";

    /**
     * One operation's words. {@code example} names a file under {@code openapi/examples/}, or is null;
     * {@code audiences} are the documents it belongs to (its own, or its tag's).
     */
    record Entry(String id, String tag, String summary, String description, String example, List<ErrorCode> codes,
                 List<String> audiences) {
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
            Map<String, String> audiences = new LinkedHashMap<>();
            map(root.get("audiences")).forEach((name, text) -> audiences.put(name, String.valueOf(text)));
            Map<String, Object> tagAudiences = map(root.get("tag-audiences"));
            map(root.get("operations")).forEach((key, value) ->
                    operations.put(key, entry(key, map(value), tags, tagAudiences, audiences)));
            return new OperationCatalogue(Map.copyOf(tags), audiences, operations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry entry(String key, Map<String, Object> raw, Map<String, String> tags,
                               Map<String, Object> tagAudiences, Map<String, String> audiences) {
        String tag = text(key, raw, "tag");
        if (!tags.containsKey(tag)) {
            throw new IllegalStateException(RESOURCE + ": " + key + " names the undefined tag " + tag);
        }
        Object codes = raw.getOrDefault("codes", List.of());
        List<ErrorCode> parsed = codes instanceof List<?> list
                ? list.stream().map(code -> ErrorCode.valueOf(String.valueOf(code))).toList()
                : List.of();
        Object own = raw.getOrDefault("audiences", tagAudiences.get(tag));
        List<String> groups = own instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        if (groups.isEmpty() || !audiences.keySet().containsAll(groups)) {
            throw new IllegalStateException(RESOURCE + ": " + key + " names no audience, or one not under audiences: " + groups);
        }
        return new Entry(text(key, raw, "id"), tag, text(key, raw, "summary"), text(key, raw, "description"),
                raw.get("example") == null ? null : String.valueOf(raw.get("example")), parsed, groups);
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
