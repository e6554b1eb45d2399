package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.stereotype.ValueObject;

/** Opaque identifier of a class (a UUID). */
@ValueObject
public record ClassId(String value) implements UuidId {

    public ClassId {
        UuidId.require("class id", value);
    }

    @JsonCreator
    public static ClassId of(String value) {
        return new ClassId(value);
    }

    public static ClassId generate() {
        return new ClassId(UuidId.random());
    }

    @Override
    public String toString() {
        return value;
    }
}
