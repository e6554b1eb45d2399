package org.careledger.kernel.attendance;

import java.time.LocalTime;

import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * One child's record for a day: present with check-in and check-out times (China Standard Time),
 * or absent with a reason. Exactly one of the two forms.
 */
@ValueObject
public record AttendanceEntry(ChildRef childRef, LocalTime checkIn, LocalTime checkOut, AbsenceReason absence) {

    public boolean present() {
        return absence == null;
    }
}
