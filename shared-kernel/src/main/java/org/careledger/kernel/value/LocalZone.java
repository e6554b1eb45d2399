package org.careledger.kernel.value;

import java.util.List;

import org.careledger.kernel.stereotype.ValueObject;

/**
 * A functional zone without a statistical code of its own (such as 济宁 太白湖新区 or 郑州 郑东新区),
 * configured as a local zone inside its city (docs/domain.md, rule F7): a stable id, its name, the
 * city (4 digits) and the county-level divisions (6 digits) it lies in, and where the configuration
 * comes from. An institution is filed in a division and, optionally, in one of its zones; a policy
 * may name a zone. Checked against the official list by {@link LocalZones}.
 *
 * @param id        stable identifier: a code of the city or of one of its divisions, a hyphen and
 *                  1–16 capital letters or digits (e.g. {@code 370811-TBH}, {@code 4101-ZD})
 * @param name      the zone's Chinese name
 * @param city      the prefecture-level city it belongs to (4 digits)
 * @param divisions the county-level divisions (6-digit codes on the official list) it lies in
 * @param source    where the zone and its boundaries come from
 */
@ValueObject
public record LocalZone(String id, String name, String city, List<String> divisions, String source) {

    /** The shape of a zone id. */
    public static final String ID_PATTERN = "^\\d{4}(\\d{2})?-[A-Z0-9]{1,16}$";

    public LocalZone {
        id = id == null ? null : id.strip();
        name = name == null ? null : name.strip();
        city = city == null ? null : city.strip();
        divisions = divisions == null ? List.of() : divisions.stream().map(d -> d == null ? null : d.strip()).toList();
    }

    /** Whether an institution filed in the division may lie in this zone. */
    public boolean liesIn(DivisionCode division) {
        return division != null && divisions.contains(division.value());
    }
}
