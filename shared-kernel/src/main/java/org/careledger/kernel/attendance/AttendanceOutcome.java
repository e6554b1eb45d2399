package org.careledger.kernel.attendance;

/** What a day's submission changed: new records, corrections, and records already known unchanged. */
public record AttendanceOutcome(String attendanceDayId, int recorded, int corrected, int unchanged) {
}
