package org.careledger.command.staff;

import org.careledger.kernel.id.StaffRef;
import org.careledger.kernel.staff.StaffPersonalData;

/** Where staff members' personal data goes: the protected store, encrypted per person (ADR 0011). */
public interface StaffPersonalDataStore {

    void store(StaffRef staff, StaffPersonalData data);
}
