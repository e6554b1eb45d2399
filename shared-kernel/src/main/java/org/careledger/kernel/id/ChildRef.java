package org.careledger.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * Opaque reference to a child (a UUID). Events name children only by this reference; who the
 * child is lives in the protected personal-data store, encrypted under the child's own key.
 */
@ValueObject
public record ChildRef(String value) implements UuidId {

    public ChildRef {
        UuidId.require("child reference", value);
    }

    @JsonCreator
    public static ChildRef of(String value) {
        return new ChildRef(value);
    }

    public static ChildRef generate() {
        return new ChildRef(UuidId.random());
    }

    @Override
    public String toString() {
        return value;
    }
}
