package org.careledger.kernel.value;

import org.careledger.kernel.id.ClassId;

/** A class an institution runs: its id, name, type (班型) and approved places (托位). */
public record ClassSpec(ClassId classId, String name, ClassType classType, int places) {
}
