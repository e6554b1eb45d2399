package org.careledger.kernel.staff;

/** Who a staff member is: kept only in the protected store, never in an event. */
public record StaffPersonalData(String name, String phone) {

    @Override
    public String toString() {
        return "StaffPersonalData[redacted]";
    }
}
