package org.careledger.command.filing;

import java.time.LocalDate;
import java.util.Optional;

import org.careledger.kernel.id.InstitutionId;

/** The day an institution's filing was approved, for rules outside the institution (docs/domain.md, rule F2). */
public interface FilingDirectory {

    /** The approval day (China Standard Time), or empty if the filing was never approved or the institution is unknown. */
    Optional<LocalDate> filedOn(InstitutionId institution);
}
