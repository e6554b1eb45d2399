package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.careledger.kernel.stereotype.ValueObject;

/** Opaque identifier of a class (a UUID). */
@ValueObject
public record ClassId(String value) {

    public ClassId {
        Ids.requireUuid("class id", value);
    }

    @JsonCreator
    public static ClassId of(String value) {
        return new ClassId(value);
    }

    public static ClassId generate() {
        return new ClassId(Ids.newUuid());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
