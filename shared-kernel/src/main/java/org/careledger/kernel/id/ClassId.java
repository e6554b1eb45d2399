package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.stereotype.ValueObject;

/** Opaque identifier of a class (a UUID). */
@ValueObject
public final class ClassId extends UuidId {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ClassId(String value) {
        super("class id", value);
    }
}
