package org.careledger.command.filing;

import org.careledger.kernel.value.DivisionCode;

/** Hands out filing-number serials, one sequence per division and year. */
public interface FilingNumberAllocator {

    long nextSerial(DivisionCode division, int year);
}
