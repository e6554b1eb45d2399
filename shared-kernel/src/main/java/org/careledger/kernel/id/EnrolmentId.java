package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.stereotype.ValueObject;

/** Identifier of one enrolment (a child in a class of an institution under one service contract), a UUID. */
@ValueObject
public record EnrolmentId(String value) implements UuidId {

    public EnrolmentId {
        UuidId.require("enrolment id", value);
    }

    @JsonCreator
    public static EnrolmentId of(String value) {
        return new EnrolmentId(value);
    }

    public static EnrolmentId generate() {
        return new EnrolmentId(UuidId.random());
    }

    @Override
    public String toString() {
        return value;
    }
}
