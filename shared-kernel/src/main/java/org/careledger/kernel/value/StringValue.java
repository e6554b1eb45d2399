package org.careledger.kernel.value;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A value that is one validated string (ids, codes, numbers): in JSON, in events as stored and in
 * answers, it is that bare string. Jackson reads {@link JsonValue} from here for every implementing
 * record; each record keeps its own validation, its {@code @JsonCreator} factory and a
 * {@code toString()} that answers the string (records cannot inherit one).
 */
public interface StringValue {

    @JsonValue
    String value();
}
