package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.stereotype.ValueObject;

/** Identifier of one enrolment (a child in a class of an institution under one service contract), a UUID. */
@ValueObject
public final class EnrolmentId extends UuidId {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public EnrolmentId(String value) {
        super("enrolment id", value);
    }
}
