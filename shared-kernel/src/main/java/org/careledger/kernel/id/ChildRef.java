package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * Opaque reference to a child (a UUID). Events name children only by this reference; who the
 * child is lives in the protected personal-data store, encrypted under the child's own key.
 */
@ValueObject
public final class ChildRef extends UuidId {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ChildRef(String value) {
        super("child reference", value);
    }
}
