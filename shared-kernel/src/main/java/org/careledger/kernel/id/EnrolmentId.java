package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.careledger.kernel.stereotype.ValueObject;

/** Identifier of one enrolment (a child in a class of an institution under one service contract), a UUID. */
@ValueObject
public record EnrolmentId(String value) {

    public EnrolmentId {
        Ids.requireUuid("enrolment id", value);
    }

    @JsonCreator
    public static EnrolmentId of(String value) {
        return new EnrolmentId(value);
    }

    public static EnrolmentId generate() {
        return new EnrolmentId(Ids.newUuid());
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
