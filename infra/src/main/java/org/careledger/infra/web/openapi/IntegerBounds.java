package org.careledger.infra.web.openapi;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Every integer of the document gets both bounds: the ones the rules set stay, the others are
 * those of its Java type (int32 or int64), which is what the server can write or read there.
 */
final class IntegerBounds {

    private IntegerBounds() {
    }

    static void apply(OpenAPI api) {
        Map<Schema<?>, Boolean> seen = new IdentityHashMap<>();
        if (api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(s -> visit(s, seen));
        }
        api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
            if (op.getParameters() != null) {
                op.getParameters().forEach(p -> visit(p.getSchema(), seen));
            }
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                op.getRequestBody().getContent().values().forEach(m -> visit(m.getSchema(), seen));
            }
            op.getResponses().values().forEach(r -> {
                if (r.getHeaders() != null) {
                    r.getHeaders().values().forEach(h -> visit(h.getSchema(), seen));
                }
                if (r.getContent() != null) {
                    r.getContent().values().stream().map(MediaType::getSchema).forEach(s -> visit(s, seen));
                }
            });
        }));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void visit(Schema<?> s, Map<Schema<?>, Boolean> seen) {
        if (s == null || seen.put(s, Boolean.TRUE) != null) {
            return;
        }
        boolean integer = "integer".equals(s.getType()) || (s.getTypes() != null && s.getTypes().contains("integer"));
        if (integer) {
            boolean int32 = "int32".equals(s.getFormat());
            if (s.getMinimum() == null && s.getExclusiveMinimumValue() == null) {
                s.setMinimum(BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE));
            }
            if (s.getMaximum() == null && s.getExclusiveMaximumValue() == null) {
                s.setMaximum(BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE));
            }
        }
        if (s.getProperties() != null) {
            ((Map<String, Schema>) (Map) s.getProperties()).values().forEach(p -> visit(p, seen));
        }
        visit(s.getItems(), seen);
        for (Collection<Schema> group : new Collection[] {s.getAllOf(), s.getOneOf(), s.getAnyOf()}) {
            if (group != null) {
                group.forEach(g -> visit(g, seen));
            }
        }
        if (s.getAdditionalProperties() instanceof Schema extra) {
            visit(extra, seen);
        }
    }
}
