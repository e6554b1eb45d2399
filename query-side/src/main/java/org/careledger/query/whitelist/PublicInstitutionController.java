package org.careledger.query.whitelist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.Jurisdiction;
import org.careledger.kernel.value.ServiceType;
import org.careledger.query.api.Page;
import org.careledger.query.api.Paging;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The public white-list lookup (no token needed). It shows filed institutions only: submitted or
 * rejected filings never appear; suspended ones appear as suspended; revoked and deregistered ones
 * stay visible with that status for {@code careledger.white-list.revoked-visible-days}. Nothing
 * about children or staff is stored here, so nothing of theirs can be shown.
 */
@RestController
@RequestMapping("/api/v1/public/institutions")
public class PublicInstitutionController {

    static final double MAX_RADIUS_KM = 50;
    /** Searches fetch the public entry and the location, never the folded view. */
    private static final Bson PUBLIC_FIELDS = com.mongodb.client.model.Projections.include("_id", "publicJson", "location");
    static final int MAX_NEAR_CANDIDATES = 5000;
    static final int MAX_QUERY_LENGTH = 50;

    private final MongoCollection<Document> documents;
    private final com.fasterxml.jackson.databind.ObjectReader publicReader;
    private final WhiteListProjection projection;
    private final ProjectionProgress progress;
    private final Duration revokedVisible;
    private final Clock clock;

    public PublicInstitutionController(@Qualifier("careLedgerMongoDatabase") MongoDatabase database,
                                       WhiteListProjection projection, ProjectionProgress progress,
                                       @Value("${careledger.white-list.revoked-visible-days:180}") long revokedVisibleDays,
                                       com.fasterxml.jackson.databind.ObjectMapper json) {
        // build the deserializer at start, not on the first search's thread
        this.publicReader = json.readerFor(PublicInstitution.class);
        this.documents = database.getCollection(WhiteListProjection.COLLECTION);
        this.projection = projection;
        this.progress = progress;
        this.revokedVisible = Duration.ofDays(revokedVisibleDays);
        this.clock = Clock.systemUTC();
    }

    /** A class as the public sees it. */
    public record PublicClass(String name, ClassType classType, int places, int vacancies) {
    }

    /** An institution on the white-list. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublicInstitution(String filingNumber, String status, String name, String creditCode, String division,
                                    String address, GeoPoint location, InstitutionType institutionType, boolean puhui,
                                    LocalDate puhuiSince, List<PublicClass> classes, Set<ClassType> classTypes,
                                    int totalPlaces, Set<ServiceType> serviceTypes, List<Fee> fees, Instant filedAt,
                                    Instant lastChangedAt, String certificateNumber, int vacancies,
                                    String medicalAgreementPartner, LocalDate latestInspectionOn,
                                    String latestInspectionOutcome, Double distanceKm) {

        /** Sets keep enum order, however the entry was read (a stored entry comes back as hash sets). */
        public PublicInstitution {
            classTypes = classTypes == null ? null : java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(classTypes));
            serviceTypes = serviceTypes == null ? null
                    : java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(serviceTypes));
        }

        PublicInstitution withDistance(double km) {
            return new PublicInstitution(filingNumber, status, name, creditCode, division, address, location,
                    institutionType, puhui, puhuiSince, classes, classTypes, totalPlaces, serviceTypes, fees, filedAt,
                    lastChangedAt, certificateNumber, vacancies, medicalAgreementPartner, latestInspectionOn,
                    latestInspectionOutcome, km);
        }
    }

    @GetMapping
    public Mono<Page<PublicInstitution>> search(@RequestParam(required = false) String division,
                                                @RequestParam(required = false) String type,
                                                @RequestParam(required = false) Boolean puhui,
                                                @RequestParam(required = false) String classType,
                                                @RequestParam(required = false) String serviceType,
                                                @RequestParam(required = false) String q,
                                                @RequestParam(required = false) String near,
                                                @RequestParam(required = false) Double radiusKm,
                                                @RequestParam(required = false) Boolean hasVacancy,
                                                @RequestParam(required = false) Integer page,
                                                @RequestParam(required = false) Integer size,
                                                @RequestParam(required = false) Long minPosition) {
        Violations v = new Violations();
        List<Bson> filters = new ArrayList<>(visible());
        if (division != null && !division.isBlank()) {
            Jurisdiction area = v.parse("division", () -> Jurisdiction.of(division));
            if (area != null) {
                filters.add(Filters.eq("divisionPrefixes", area.prefix()));
            }
        }
        InstitutionType t = enumParam(v, "type", type, InstitutionType.class);
        if (t != null) {
            filters.add(Filters.eq("institutionType", t.name()));
        }
        if (puhui != null) {
            filters.add(Filters.eq("puhui", puhui));
        }
        ClassType ct = enumParam(v, "classType", classType, ClassType.class);
        if (ct != null) {
            filters.add(Filters.eq("classTypes", ct.name()));
        }
        if (hasVacancy != null) {
            filters.add(hasVacancy ? Filters.gt("vacancies", 0) : Filters.lte("vacancies", 0));
        }
        ServiceType svc = enumParam(v, "serviceType", serviceType, ServiceType.class);
        if (svc != null) {
            filters.add(Filters.eq("serviceTypes", svc.name()));
        }
        if (q != null && !q.isBlank()) {
            if (q.length() > MAX_QUERY_LENGTH) {
                v.add("q", "TOO_LONG", "q is longer than " + MAX_QUERY_LENGTH + " characters");
            } else {
                Set<String> tokens = NameTokens.query(q);
                // a query of only punctuation can match nothing
                filters.add(tokens.isEmpty() ? Filters.eq("_id", "\u0000none") : Filters.all("nameTokens", tokens));
            }
        }
        GeoPoint centre = near == null || near.isBlank() ? null : parseNear(v, near);
        double radius = radiusKm == null ? 5 : radiusKm;
        if (radiusKm != null && (radiusKm.isNaN() || radiusKm <= 0 || radiusKm > MAX_RADIUS_KM)) {
            v.add("radiusKm", "OUT_OF_RANGE", "radiusKm must be above 0 and at most " + MAX_RADIUS_KM);
        }
        if (radiusKm != null && centre == null && v.isEmpty()) {
            v.add("near", "REQUIRED", "radiusKm needs near=lat,lng");
        }
        if (!v.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "Invalid query parameters", v.list());
        }
        Paging paging = Paging.of(page, size);
        Mono<Page<PublicInstitution>> result = centre == null
                ? list(Filters.and(filters), paging)
                : near(filters, centre, radius, paging);
        return progress.await(WhiteListProjection.NAME, minPosition).then(result);
    }

    @GetMapping("/{filingNumber}")
    public Mono<PublicInstitution> byFilingNumber(@PathVariable String filingNumber,
                                                  @RequestParam(required = false) Long minPosition) {
        if (!filingNumber.matches("TY\\d{16}")) {
            throw new DomainException(ErrorCode.INVALID_IDENTIFIER, "A filing number is TY followed by 16 digits");
        }
        List<Bson> filters = new ArrayList<>(visible());
        filters.add(Filters.eq("filingNumber", filingNumber));
        return progress.await(WhiteListProjection.NAME, minPosition)
                .then(Mono.from(documents.find(Filters.and(filters)).first()))
                .flatMap(d -> toPublic(d, null))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOT_FOUND,
                        "No filed institution with filing number " + filingNumber)));
    }

    private Mono<Page<PublicInstitution>> list(Bson filter, Paging paging) {
        return Flux.from(documents.find(filter).projection(PUBLIC_FIELDS)
                        .sort(Sorts.ascending("filingNumber", "_id")).skip((int) paging.offset()).limit(paging.size()))
                .concatMap(d -> toPublic(d, null)).collectList()
                .flatMap(items -> {
                    // a page that is not full (and not past the end) already tells the total
                    if (items.size() < paging.size() && (!items.isEmpty() || paging.offset() == 0)) {
                        return Mono.just(new Page<>(items, paging.page(), paging.size(), paging.offset() + items.size()));
                    }
                    return Mono.from(documents.countDocuments(filter))
                            .map(total -> new Page<>(items, paging.page(), paging.size(), total));
                });
    }

    /** Bounding box in the query (indexed ranges), then exact distance, radius cut and ordering here. */
    private Mono<Page<PublicInstitution>> near(List<Bson> filters, GeoPoint centre, double radiusKm, Paging paging) {
        double dLat = radiusKm / 110.574;
        double cos = Math.max(0.01, Math.cos(Math.toRadians(centre.latitude())));
        double dLng = Math.min(180, radiusKm / (111.320 * cos));
        List<Bson> all = new ArrayList<>(filters);
        all.add(Filters.gte("location.lat", centre.latitude() - dLat));
        all.add(Filters.lte("location.lat", centre.latitude() + dLat));
        all.add(Filters.gte("location.lng", centre.longitude() - dLng));
        all.add(Filters.lte("location.lng", centre.longitude() + dLng));
        return Flux.from(documents.find(Filters.and(all)).projection(PUBLIC_FIELDS).limit(MAX_NEAR_CANDIDATES))
                .map(d -> {
                    Document loc = d.get("location", Document.class);
                    double km = centre.distanceKm(new GeoPoint(loc.getDouble("lat"), loc.getDouble("lng")));
                    return new Object[] {d, km};
                })
                .filter(p -> (double) p[1] <= radiusKm)
                .sort(Comparator.comparingDouble((Object[] p) -> (double) p[1]).thenComparing(p -> ((Document) p[0]).getString("_id")))
                .collectList()
                .flatMap(sorted -> Flux.fromIterable(sorted.stream().skip(paging.offset()).limit(paging.size()).toList())
                        .concatMap(p -> toPublic((Document) p[0], Math.round((double) p[1] * 1000) / 1000.0))
                        .collectList()
                        .map(pageItems -> new Page<>(pageItems, paging.page(), paging.size(), (long) sorted.size())));
    }

    private List<Bson> visible() {
        Date cutoff = Date.from(clock.instant().minus(revokedVisible));
        return List.of(Filters.eq("listed", true),
                Filters.or(Filters.in("status", "FILED", "SUSPENDED"),
                        Filters.and(Filters.in("status", "REVOKED", "DEREGISTERED"), Filters.gte("statusChangedAt", cutoff))));
    }

    /**
     * The public form of a document: its {@code publicJson} (written by the projection, so a search
     * never transfers or parses the folded view), or, for a document written before that field
     * existed, the view itself.
     */
    private Mono<PublicInstitution> toPublic(Document d, Double distanceKm) {
        String stored = d.getString("publicJson");
        Mono<PublicInstitution> entry;
        if (stored != null) {
            try {
                entry = Mono.just(publicReader.readValue(stored));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return Mono.error(new IllegalStateException("cannot read a stored public white-list entry", e));
            }
        } else if (d.getString("viewJson") != null) {
            entry = Mono.just(publicOf(projection.read(d.getString("viewJson"))));
        } else {
            entry = Mono.from(documents.find(Filters.eq("_id", d.getString("_id"))).first())
                    .map(full -> publicOf(projection.read(full.getString("viewJson"))));
        }
        return distanceKm == null ? entry : entry.map(p -> p.withDistance(distanceKm));
    }

    /** What the public may see of an institution's view (no child, staff or personal data). */
    static PublicInstitution publicOf(InstitutionView v) {
        List<PublicClass> classes = v.classes().entrySet().stream().filter(c -> c.getValue().open())
                .map(c -> new PublicClass(c.getValue().name(), c.getValue().classType(), c.getValue().places(),
                        v.vacancies(c.getKey()))).toList();
        Set<ClassType> types = new java.util.TreeSet<>();
        classes.forEach(c -> types.add(c.classType()));
        org.careledger.query.institution.Oversight.LatestInspection latest = v.oversight().latestInspection();
        return new PublicInstitution(v.filingNumber(), v.status().name(), v.name(), v.creditCode(), v.division(),
                v.address(), v.location(), v.type(), v.puhui(), v.puhuiSince(), classes, types, v.totalPlaces(),
                new java.util.TreeSet<>(v.serviceTypes()), v.fees(), v.filedAt(), v.lastChangedAt(), v.certificateNumber(),
                v.totalVacancies(), v.care().medicalAgreement() == null ? null : v.care().medicalAgreement().partnerName(),
                latest == null ? null : latest.inspectedOn(), latest == null ? null : latest.outcome().name(), null);
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

    private static <E extends Enum<E>> E enumParam(Violations v, String field, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.add(field, "UNKNOWN_VALUE", field + " must be one of " + java.util.EnumSet.allOf(type));
            return null;
        }
    }
}
