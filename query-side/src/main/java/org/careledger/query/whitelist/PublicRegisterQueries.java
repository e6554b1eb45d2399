package org.careledger.query.whitelist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.util.RawValue;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.stereotype.ReadQueries;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.Jurisdiction;
import org.careledger.kernel.value.ServiceType;
import org.careledger.query.api.Page;
import org.careledger.query.api.Paging;
import org.careledger.query.api.QueryParameters;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The public register's search, detail and district list, as the public API
 * ({@link PublicInstitutionController}) and the public pages both ask them: the live white-list
 * held in memory ({@link PublicWhiteList}, ADR 0017), or with {@code asOf} the register as it was
 * published up to the end of that day ({@link PublishedRegister}). Parameters are checked here
 * (400 {@code INVALID_QUERY} with every invalid field), so an API answer and a page cannot disagree.
 */
@Component
@ReadQueries
public record PublicRegisterQueries(PublicWhiteList whiteList, ProjectionProgress progress, PublishedRegister register) {

    static final double MAX_RADIUS_KM = 50;
    static final int MAX_QUERY_LENGTH = 50;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(10);
    private static final Clock CLOCK = Clock.systemUTC();

    /**
     * A search as asked: every field may be null (no filter); {@code radiusKm} needs {@code near}. The
     * public API binds it from the query string by name; the search page builds it from its form.
     */
    public record Search(String division, String type, Boolean puhui, String classType, String serviceType,
                         String q, String near, Double radiusKm, Boolean hasVacancy, Integer page, Integer size) {
    }

    /**
     * An answer and the instant the register was cut at: null for the live register; otherwise the
     * end of the {@code asOf} day, whose answer never changes (cacheable for good).
     */
    public record Dated<T>(T answer, Instant cut) {
    }

    /** One page of the visible entries matching the search, as the public JSON. */
    public Mono<Dated<Page<RawValue>>> search(Search s, Long minPosition, String asOf) {
        Violations v = new Violations();
        LocalDate day = RegisterDate.day(v, asOf);
        Predicate<PublicWhiteList.Entry> filter = e -> true;
        if (s.division() != null && !s.division().isBlank()) {
            Jurisdiction area = v.parse("division", () -> Jurisdiction.requested(s.division()));
            if (area != null) {
                String prefix = area.prefix();
                filter = filter.and(e -> e.divisionPrefixes().contains(prefix));
            }
        }
        InstitutionType t = QueryParameters.enumValue(v, "type", s.type(), InstitutionType.class);
        if (t != null) {
            filter = filter.and(e -> t.name().equals(e.institutionType()));
        }
        if (s.puhui() != null) {
            boolean puhui = s.puhui();
            filter = filter.and(e -> e.puhui() == puhui);
        }
        ClassType ct = QueryParameters.enumValue(v, "classType", s.classType(), ClassType.class);
        if (ct != null) {
            filter = filter.and(e -> e.classTypes().contains(ct.name()));
        }
        if (s.hasVacancy() != null) {
            boolean hasVacancy = s.hasVacancy();
            filter = filter.and(e -> (e.vacancies() > 0) == hasVacancy);
        }
        ServiceType svc = QueryParameters.enumValue(v, "serviceType", s.serviceType(), ServiceType.class);
        if (svc != null) {
            filter = filter.and(e -> e.serviceTypes().contains(svc.name()));
        }
        String q = s.q();
        if (q != null && !q.isBlank()) {
            if (q.length() > MAX_QUERY_LENGTH) {
                v.add("q", "TOO_LONG", "q is longer than " + MAX_QUERY_LENGTH + " characters");
            } else {
                // a query of only punctuation matches nothing
                Set<String> tokens = NameTokens.query(q);
                filter = filter.and(e -> !tokens.isEmpty() && e.nameTokens().containsAll(tokens));
            }
        }
        GeoPoint centre = s.near() == null || s.near().isBlank() ? null : parseNear(v, s.near());
        Double radiusKm = s.radiusKm();
        double radius = radiusKm == null ? 5 : radiusKm;
        if (radiusKm != null && (radiusKm.isNaN() || radiusKm <= 0 || radiusKm > MAX_RADIUS_KM)) {
            v.add("radiusKm", "OUT_OF_RANGE", "radiusKm must be above 0 and at most " + MAX_RADIUS_KM);
        }
        if (radiusKm != null && centre == null && v.isEmpty()) {
            v.add("near", "REQUIRED", "radiusKm needs near=lat,lng");
        }
        if (!v.isEmpty()) {
            return Mono.error(new DomainException(ErrorCode.INVALID_QUERY, "Invalid query parameters", v.list()));
        }
        Paging paging;
        try {
            paging = Paging.of(s.page(), s.size());
        } catch (DomainException e) {
            return Mono.error(e);
        }
        Instant cut = RegisterDate.cut(day, CLOCK);
        Predicate<PublicWhiteList.Entry> matches = filter;
        return entries(cut, minPosition, matches)
                .map(all -> new Dated<>(centre == null ? list(all, paging) : near(all, centre, radius, paging), cut));
    }

    /** The visible entry with this filing number (404 {@code NOT_FOUND} when there is none). */
    public Mono<Dated<RawValue>> byFilingNumber(String filingNumber, Long minPosition, String asOf) {
        if (filingNumber == null || !filingNumber.matches("TY\\d{16}")) {
            return Mono.error(new DomainException(ErrorCode.INVALID_IDENTIFIER, "A filing number is TY followed by 16 digits"));
        }
        Violations v = new Violations();
        LocalDate day = RegisterDate.day(v, asOf);
        if (!v.isEmpty()) {
            return Mono.error(new DomainException(ErrorCode.INVALID_QUERY, "Invalid query parameters", v.list()));
        }
        Instant cut = RegisterDate.cut(day, CLOCK);
        return entries(cut, minPosition, e -> filingNumber.equals(e.filingNumber()))
                .mapNotNull(found -> found.stream().findFirst().map(PublicWhiteList.Entry::answer).orElse(null))
                .map(answer -> new Dated<>(answer, cut))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOT_FOUND, cut == null
                        ? "No filed institution with filing number " + filingNumber
                        : "No filed institution with filing number " + filingNumber + " on the register of " + day)));
    }

    /**
     * The six-digit divisions of the institutions the public may see, for the search page's
     * district picker (the same visibility as the search).
     */
    public Mono<SortedSet<String>> divisions() {
        return current(null).then(Mono.fromSupplier(() -> {
            SortedSet<String> codes = new TreeSet<>();
            for (PublicWhiteList.Entry e : whiteList.matching(register.visibleAt(CLOCK.instant()))) {
                e.divisionPrefixes().stream().filter(p -> p.length() == 6).forEach(codes::add);
            }
            return codes;
        }));
    }

    /**
     * The visible entries matching the filter, in filing-number order: of the live white-list, or
     * with a cut, of the register as it was published up to it ({@link PublishedRegister}).
     */
    private Mono<List<PublicWhiteList.Entry>> entries(Instant cut, Long minPosition, Predicate<PublicWhiteList.Entry> filter) {
        if (cut == null) {
            Predicate<PublicWhiteList.Entry> visible = register.visibleAt(CLOCK.instant()).and(filter);
            return current(minPosition).then(Mono.fromSupplier(() -> whiteList.matching(visible)));
        }
        Predicate<PublicWhiteList.Entry> visible = filter; // the register as of a day holds visible entries only
        return progress.await(PublicRegisterProjection.NAME, minPosition)
                .then(register.listAsOf(cut)).map(all -> all.stream().filter(visible).toList());
    }

    /**
     * Waits for the white-list to be loaded and, with {@code minPosition}, for the projection to
     * pass it; then reads the documents written lately, in case another instance wrote them.
     */
    private Mono<Void> current(Long minPosition) {
        Mono<Void> loaded = whiteList.isLoaded() ? Mono.empty() : whiteList.ready().timeout(LOAD_TIMEOUT, Mono.error(() -> new DomainException(
                ErrorCode.PROJECTION_NOT_CAUGHT_UP, "The white-list is still loading; retry shortly")));
        return minPosition == null ? loaded
                : loaded.then(progress.await(WhiteListProjection.NAME, minPosition)).then(whiteList.readRecent());
    }

    private static Page<RawValue> list(List<PublicWhiteList.Entry> all, Paging paging) {
        List<RawValue> items = all.stream().skip(paging.offset()).limit(paging.size())
                .map(PublicWhiteList.Entry::answer).toList();
        return new Page<>(items, paging.page(), paging.size(), all.size());
    }

    /** Exact distance from the centre, cut at the radius, nearest first (equal distances by id). */
    private static Page<RawValue> near(List<PublicWhiteList.Entry> all, GeoPoint centre, double radiusKm, Paging paging) {
        record Hit(PublicWhiteList.Entry entry, double km) {
        }
        List<Hit> hits = new ArrayList<>();
        for (PublicWhiteList.Entry e : all) {
            double km = centre.distanceKm(new GeoPoint(e.latitude(), e.longitude()));
            if (km <= radiusKm) {
                hits.add(new Hit(e, km));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::km).thenComparing(h -> h.entry().id()));
        List<RawValue> items = hits.stream().skip(paging.offset()).limit(paging.size())
                .map(h -> h.entry().answer(Math.round(h.km() * 1000) / 1000.0)).toList();
        return new Page<>(items, paging.page(), paging.size(), hits.size());
    }

    private static GeoPoint parseNear(Violations v, String near) {
        String[] parts = near.split(",");
        if (parts.length != 2) {
            v.add("near", "INVALID_LOCATION", "near is lat,lng in decimal degrees");
            return null;
        }
        try {
            double lat = Double.parseDouble(parts[0].trim());
            double lng = Double.parseDouble(parts[1].trim());
            return v.parse("near", () -> new GeoPoint(lat, lng));
        } catch (NumberFormatException e) {
            v.add("near", "INVALID_LOCATION", "near is lat,lng in decimal degrees");
            return null;
        }
    }
}
