package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.careledger.kernel.stereotype.ValueObject;

/** Opaque identifier of a institution (a UUID). */
@ValueObject
public record InstitutionId(String value) {

    public InstitutionId {
        Ids.requireUuid("institution id", value);
    }

    @JsonCreator
    public static InstitutionId of(String value) {
        return new InstitutionId(value);
    }

    public static InstitutionId generate() {
        return new InstitutionId(Ids.newUuid());
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
