package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.stereotype.ValueObject;

/** Opaque identifier of an institution (a UUID). */
@ValueObject
public final class InstitutionId extends UuidId {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public InstitutionId(String value) {
        super("institution id", value);
    }
}
