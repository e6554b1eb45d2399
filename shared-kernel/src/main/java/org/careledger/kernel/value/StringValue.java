package org.careledger.kernel.value;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A value that is one validated string (ids, codes, numbers): in JSON, in events as stored and in
 * answers, it is that bare string. Jackson reads {@link JsonValue} from here for every implementing
 * type; each keeps its own validation and {@code @JsonCreator}, and a {@code toString()} that answers
 * the string (the UUID-shaped ids inherit all three from {@link org.careledger.kernel.id.UuidId}).
 */
public interface StringValue {

    @JsonValue
    String value();
}
