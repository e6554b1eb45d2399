package org.careledger.kernel.value;

import java.util.Objects;

import org.careledger.kernel.stereotype.ValueObject;

/**
 * Where an institution is filed: its county-level division and, if it lies in one, the configured
 * local zone inside it (docs/domain.md, rule F7). Local policies are chosen by it: a zone's policy
 * before the division's.
 *
 * @param division the division it is filed in
 * @param zone     the id of its local zone ({@link LocalZone#id()}), or null
 */
@ValueObject
public record FilingArea(DivisionCode division, String zone) {

    public FilingArea {
        Objects.requireNonNull(division, "division");
    }

    /** A division outside any local zone. */
    public static FilingArea of(DivisionCode division) {
        return new FilingArea(division, null);
    }

    @Override
    public String toString() {
        return zone == null ? division.value() : division.value() + " (zone " + zone + ")";
    }
}
