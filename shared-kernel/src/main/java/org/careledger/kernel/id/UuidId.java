package org.careledger.kernel.id;

import java.util.function.Function;

import org.careledger.kernel.value.StringValue;

/**
 * The opaque, UUID-shaped ids ({@link ChildRef}, {@link ClassId}, {@link EnrolmentId},
 * {@link InstitutionId}, {@link StaffRef}). Everything they do is here: the check of the value (a
 * lower-case UUID, else {@code INVALID_IDENTIFIER} naming the kind of id), equality by kind and
 * value, and the bare string as their JSON ({@link StringValue}) and as their {@code toString()}
 * (Axon reads an aggregate identifier through it). What a subclass adds is its type and the name a
 * refusal uses.
 */
public abstract sealed class UuidId implements StringValue
        permits ChildRef, ClassId, EnrolmentId, InstitutionId, StaffRef {

    private final String value;

    /** {@code value} if it is a lower-case UUID, else {@code INVALID_IDENTIFIER} naming {@code kind}. */
    protected UuidId(String kind, String value) {
        this.value = Ids.requireUuid(kind, value);
    }

    /** A new id with a random value, e.g. {@code UuidId.generate(ChildRef::new)}. */
    public static <T extends UuidId> T generate(Function<String, T> kind) {
        return kind.apply(Ids.newUuid());
    }

    @Override
    public final String value() {
        return value;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((UuidId) other).value.equals(value);
    }

    @Override
    public final int hashCode() {
        return value.hashCode();
    }

    @Override
    public final String toString() {
        return value;
    }
}
