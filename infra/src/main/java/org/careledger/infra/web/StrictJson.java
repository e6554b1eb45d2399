package org.careledger.infra.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The strict reading of request bodies (issue 12, ADR 0020). A copy of the application's mapper is
 * made strict for the HTTP decoders only: the event serializer and every other reader keep the
 * application's mapper, so stored events are read exactly as before.
 * <ul>
 *   <li>a key that appears twice in one object is refused (no "last one wins");</li>
 *   <li>a fraction where an integer is expected is refused (no truncation of {@code 1.5} to 1);</li>
 *   <li>a number or boolean where text is expected, and text where a number or boolean is
 *       expected, is refused (no {@code 123} becoming {@code "123"});</li>
 *   <li>an empty string is not taken for a missing number or boolean.</li>
 * </ul>
 */
public final class StrictJson {

    private StrictJson() {
    }

    @SuppressWarnings("deprecation")
    public static ObjectMapper strictCopyOf(ObjectMapper application) {
        ObjectMapper strict = application.copy();
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return strict;
    }
}
