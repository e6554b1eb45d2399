package org.careledger.kernel.value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;

/**
 * The configured local zones ({@code careledger.zones}), by id (docs/domain.md, rule F7). Built once
 * at start: a zone whose id, city or divisions are malformed, not on the official division list
 * ({@link Divisions}), or not inside its city stops the start with a message naming the zone.
 */
public final class LocalZones {

    private static final LocalZones NONE = new LocalZones(List.of());

    private final Map<String, LocalZone> byId;

    private LocalZones(List<LocalZone> zones) {
        Map<String, LocalZone> map = new LinkedHashMap<>();
        for (LocalZone zone : zones) {
            validate(zone);
            if (map.put(zone.id(), zone) != null) {
                throw new IllegalStateException("local zone " + zone.id() + " is configured twice");
            }
        }
        this.byId = java.util.Collections.unmodifiableMap(map);
    }

    /** The zones, checked against the official division list; throws IllegalStateException naming the zone. */
    public static LocalZones of(Collection<LocalZone> zones) {
        return zones == null || zones.isEmpty() ? NONE : new LocalZones(new ArrayList<>(zones));
    }

    /** No zones configured. */
    public static LocalZones none() {
        return NONE;
    }

    public Optional<LocalZone> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    public boolean contains(String id) {
        return id != null && byId.containsKey(id);
    }

    /** The zone's name, or the id itself for a zone no longer configured (stored events keep their id). */
    public String nameOf(String id) {
        return id == null ? null : find(id).map(LocalZone::name).orElse(id);
    }

    public Collection<LocalZone> all() {
        return byId.values();
    }

    /**
     * The zone a filing in the division names, checked: null stays null (no zone); an id that is not
     * configured, or a zone that does not lie in the division, is refused with 400
     * {@link ErrorCode#INVALID_ZONE} on the field {@code zone}.
     */
    public String requireIn(String zoneId, DivisionCode division) {
        if (zoneId == null) {
            return null;
        }
        LocalZone zone = byId.get(zoneId);
        if (zone == null) {
            throw invalid("'" + zoneId + "' is not a configured local zone");
        }
        if (!zone.liesIn(division)) {
            throw invalid("Local zone " + zoneId + " (" + zone.name() + ") does not lie in division " + division);
        }
        return zoneId;
    }

    private static DomainException invalid(String detail) {
        return new DomainException(ErrorCode.INVALID_ZONE, detail,
                List.of(new FieldViolation("zone", ErrorCode.INVALID_ZONE.name(), detail)));
    }

    private static void validate(LocalZone zone) {
        String id = zone.id();
        String what = "local zone " + (id == null || id.isBlank() ? "(without id)" : id);
        if (id == null || !id.matches(LocalZone.ID_PATTERN)) {
            throw new IllegalStateException(what + ": the id must be a city or division code, a hyphen and 1-16 capital "
                    + "letters or digits (such as 370811-TBH)");
        }
        if (zone.name() == null || zone.name().isBlank()) {
            throw new IllegalStateException(what + " has no name");
        }
        if (zone.source() == null || zone.source().isBlank()) {
            throw new IllegalStateException(what + " has no source");
        }
        Divisions official = Divisions.official();
        if (zone.city() == null || !zone.city().matches("\\d{4}") || zone.city().endsWith("00")
                || !official.contains(zone.city() + "00")) {
            throw new IllegalStateException(what + " (" + zone.name() + ") names city '" + zone.city()
                    + "', which is not a city on the official division list");
        }
        if (zone.divisions().isEmpty()) {
            throw new IllegalStateException(what + " (" + zone.name() + ") names no county-level division it lies in");
        }
        for (String d : zone.divisions()) {
            if (d == null || !d.matches("\\d{6}") || d.endsWith("00") || !official.contains(d)) {
                throw new IllegalStateException(what + " (" + zone.name() + ") names division '" + d
                        + "', which is not a county-level division on the official division list");
            }
            if (!d.startsWith(zone.city())) {
                throw new IllegalStateException(what + " (" + zone.name() + ") names division " + d
                        + ", which is not in its city " + zone.city());
            }
        }
        String prefix = id.substring(0, id.indexOf('-'));
        if (!prefix.equals(zone.city()) && !zone.divisions().contains(prefix)) {
            throw new IllegalStateException(what + " (" + zone.name() + "): the id must begin with its city "
                    + zone.city() + " or one of its divisions " + zone.divisions());
        }
    }
}
