package org.careledger.kernel.value;

import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.stereotype.ValueObject;

/** A class an institution runs: its id, name, type (班型) and approved places (托位). */
@ValueObject
public record ClassSpec(ClassId classId, String name, ClassType classType, int places) {
}
