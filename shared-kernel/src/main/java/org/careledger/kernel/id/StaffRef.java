package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.stereotype.ValueObject;

/** Opaque reference to a staff member (a UUID); name and contact live only in the protected store. */
@ValueObject
public record StaffRef(String value) implements UuidId {

    public StaffRef {
        UuidId.require("staff reference", value);
    }

    @JsonCreator
    public static StaffRef of(String value) {
        return new StaffRef(value);
    }

    public static StaffRef generate() {
        return new StaffRef(UuidId.random());
    }

    @Override
    public String toString() {
        return value;
    }
}
