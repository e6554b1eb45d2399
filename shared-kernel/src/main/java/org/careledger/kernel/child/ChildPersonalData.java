package org.careledger.kernel.child;

import java.time.LocalDate;

/**
 * Who a child is: kept only in the protected store, encrypted per child, never in an event, a log
 * or a public view. {@link #toString()} prints nothing personal.
 */
public record ChildPersonalData(String name, CitizenId citizenId, LocalDate birthDate, String guardianName,
                                String guardianPhone) {

    @Override
    public String toString() {
        return "ChildPersonalData[redacted]";
    }
}
