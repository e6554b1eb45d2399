package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.stereotype.ValueObject;

/** Opaque reference to a staff member (a UUID); name and contact live only in the protected store. */
@ValueObject
public final class StaffRef extends UuidId {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public StaffRef(String value) {
        super("staff reference", value);
    }
}
