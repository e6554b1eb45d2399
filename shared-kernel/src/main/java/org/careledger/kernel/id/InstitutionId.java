package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.stereotype.ValueObject;

/** Opaque identifier of a institution (a UUID). */
@ValueObject
public record InstitutionId(String value) implements UuidId {

    public InstitutionId {
        UuidId.require("institution id", value);
    }

    @JsonCreator
    public static InstitutionId of(String value) {
        return new InstitutionId(value);
    }

    public static InstitutionId generate() {
        return new InstitutionId(UuidId.random());
    }

    @Override
    public String toString() {
        return value;
    }
}
