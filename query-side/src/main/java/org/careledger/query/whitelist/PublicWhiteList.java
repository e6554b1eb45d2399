package org.careledger.query.whitelist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.util.RawValue;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.careledger.query.institution.InstitutionViewJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * The public white-list held in memory for searching (ADR 0017): one small entry per institution
 * (its search keys and its public form), taken from the {@code white_list} documents. MongoDB
 * stays the record of the projection; this is a cache of it, kept current three ways:
 * <ul>
 *   <li>the projection hands over every entry it writes, right after the write and before its
 *       token moves on, so a search that waited for {@code minPosition} sees it;</li>
 *   <li>every {@code careledger.white-list.refresh} it reads the documents written since the last
 *       read (by {@code updatedAt}, with a margin), which brings in what another instance's
 *       processor wrote; when the collection holds fewer documents than the cache, it reloads all
 *       (another instance reset the projection);</li>
 *   <li>a search with {@code minPosition} reads the recent documents once more after waiting.</li>
 * </ul>
 * An entry only ever moves forward to a later event position. Searches scan the entries of the
 * region (hundreds to a few thousand), in filing-number order, without touching a store.
 */
@Component
public class PublicWhiteList implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublicWhiteList.class);
    /** Clock difference between instances and write delay tolerated by the incremental read. */
    static final Duration MARGIN = Duration.ofSeconds(30);
    /** Longest wait for MongoDB in one read; a search that waits this long gets an error, not a hang. */
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);
    private static final Comparator<Entry> ORDER = Comparator
            .comparing(Entry::filingNumber, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Entry::id);
    private static final Bson SEARCH_FIELDS = Projections.exclude("viewJson", "classes");

    /** What a search filters on, and what it answers. */
    public record Entry(String id, long lastPosition, String filingNumber, boolean listed, String status,
                        Instant statusChangedAt, Set<String> divisionPrefixes, String institutionType, boolean puhui,
                        Set<String> classTypes, Set<String> serviceTypes, int vacancies, Set<String> nameTokens,
                        double latitude, double longitude, String json) {

        /** The public entry as JSON, as answered (a search near a place adds the distance). */
        public RawValue answer() {
            return new RawValue(json);
        }

        public RawValue answer(double distanceKm) {
            // the public entry is a JSON object whose last field, when present, is distanceKm
            return new RawValue(json.substring(0, json.lastIndexOf('}')) + ",\"distanceKm\":" + distanceKm + "}");
        }
    }

    private final MongoCollection<Document> documents;
    private final ObjectReader publicReader;
    private final ObjectWriter publicWriter;
    private final InstitutionViewJson viewJson;
    private final Duration refresh;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    /** Entries in answer order; null when the map changed since it was built. */
    private final AtomicReference<Entry[]> ordered = new AtomicReference<>();
    private final Sinks.Empty<Void> loaded = Sinks.empty();
    private volatile boolean isLoaded;
    private volatile Instant readSince = Instant.EPOCH;
    private volatile Disposable poller;

    public PublicWhiteList(@Qualifier("careLedgerMongoDatabase") MongoDatabase database, ObjectMapper json,
                           InstitutionViewJson viewJson,
                           @Value("${careledger.white-list.refresh:2s}") Duration refresh) {
        this.documents = database.getCollection(WhiteListProjection.COLLECTION);
        this.publicReader = json.readerFor(PublicEntry.class);
        this.publicWriter = json.writerFor(PublicEntry.class);
        this.viewJson = viewJson;
        this.refresh = refresh;
    }

    /** Completes once the documents stored at start are in memory. */
    public Mono<Void> ready() {
        return loaded.asMono();
    }

    public boolean isLoaded() {
        return isLoaded;
    }

    /** Entries the projection has just written (only later positions replace what is held). */
    void accept(Collection<Entry> entries) {
        for (Entry e : entries) {
            byId.merge(e.id(), e, (held, fresh) -> fresh.lastPosition() >= held.lastPosition() ? fresh : held);
        }
        ordered.set(null);
    }

    /** The projection is being rebuilt: its documents were deleted. */
    void clear() {
        byId.clear();
        ordered.set(null);
    }

    /** Every entry matching the filter, in filing-number order. */
    List<Entry> matching(Predicate<Entry> filter) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : ordered()) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Reads the documents written since the last read (and the margin before it). */
    Mono<Void> readRecent() {
        Instant started = clock.instant();
        Date since = Date.from(readSince.minus(MARGIN));
        return Flux.from(documents.find(Filters.gte("updatedAt", since)).projection(SEARCH_FIELDS))
                .concatMap(this::entryOf)
                .collectList()
                .timeout(STORE_TIMEOUT)
                .doOnNext(entries -> {
                    accept(entries);
                    readSince = started;
                })
                .then();
    }

    /** Replaces the cache with every stored document. */
    Mono<Void> reloadAll() {
        Instant started = clock.instant();
        return Flux.from(documents.find().projection(SEARCH_FIELDS))
                .concatMap(this::entryOf)
                .collectList()
                .timeout(STORE_TIMEOUT)
                .doOnNext(entries -> {
                    Set<String> ids = new HashSet<>();
                    entries.forEach(e -> ids.add(e.id()));
                    byId.keySet().retainAll(ids);
                    accept(entries);
                    readSince = started;
                })
                .then();
    }

    private Mono<Void> poll() {
        return Mono.from(documents.countDocuments()).timeout(STORE_TIMEOUT)
                .flatMap(count -> count < byId.size() ? reloadAll() : readRecent());
    }

    private Entry[] ordered() {
        Entry[] current = ordered.get();
        if (current == null) {
            current = byId.values().toArray(Entry[]::new);
            Arrays.sort(current, ORDER);
            ordered.compareAndSet(null, current);
        }
        return current;
    }

    /** The entry of a stored document: its public form, or for an old document, its view's. */
    private Mono<Entry> entryOf(Document d) {
        String stored = d.getString("publicJson");
        if (stored != null) {
            try {
                // written back in this version's form (field order, sets in enum order)
                return Mono.just(entryOf(d, publicWriter.writeValueAsString(publicReader.readValue(stored))));
            } catch (JsonProcessingException e) {
                return Mono.error(new IllegalStateException("cannot read a stored public white-list entry", e));
            }
        }
        return Mono.from(documents.find(Filters.eq("_id", d.getString("_id"))).first())
                .handle((full, sink) -> {
                    try {
                        sink.next(entryOf(d, publicWriter.writeValueAsString(
                                PublicEntry.of(viewJson.read(full.getString("viewJson"))))));
                    } catch (JsonProcessingException e) {
                        sink.error(new IllegalStateException("cannot write a public white-list entry", e));
                    }
                });
    }

    /** The entry of a document and its public form as JSON (as the projection stored it). */
    static Entry entryOf(Document d, String entry) {
        Document location = d.get("location", Document.class);
        Date changed = d.getDate("statusChangedAt");
        Number position = d.get("lastPosition", Number.class);
        return new Entry(d.getString("_id"), position == null ? -1 : position.longValue(), d.getString("filingNumber"),
                Boolean.TRUE.equals(d.getBoolean("listed")), d.getString("status"),
                changed == null ? null : changed.toInstant(), strings(d, "divisionPrefixes"), d.getString("institutionType"),
                Boolean.TRUE.equals(d.getBoolean("puhui")), strings(d, "classTypes"), strings(d, "serviceTypes"),
                d.get("vacancies", Number.class) == null ? 0 : d.get("vacancies", Number.class).intValue(),
                strings(d, "nameTokens"), location.get("lat", Number.class).doubleValue(),
                location.get("lng", Number.class).doubleValue(), entry);
    }

    private static Set<String> strings(Document d, String field) {
        List<String> values = d.getList(field, String.class);
        return values == null ? Set.of() : Set.copyOf(values);
    }

    /**
     * Runs {@code read} every interval, one at a time, for as long as it is subscribed: a read that
     * fails is logged and the next one runs; a read slower than the interval skips ticks (an
     * interval that cannot deliver a tick would otherwise end the whole refresh).
     */
    static Flux<Void> everyInterval(Duration interval, java.util.function.Supplier<Mono<Void>> read,
                                    reactor.core.scheduler.Scheduler scheduler) {
        return Flux.interval(interval, interval, scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> read.get().onErrorResume(e -> {
                    log.warn("Could not refresh the public white-list; keeping what is held", e);
                    return Mono.empty();
                }), 0);
    }

    @Override
    public void start() {
        poller = Mono.defer(this::reloadAll)
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, refresh)
                        .doBeforeRetry(s -> log.warn("Could not load the public white-list; retrying", s.failure())))
                .doOnSuccess(done -> {
                    isLoaded = true;
                    loaded.tryEmitEmpty();
                })
                .thenMany(everyInterval(refresh, this::poll, Schedulers.parallel()))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable p = poller;
        if (p != null) {
            p.dispose();
        }
        poller = null;
    }

    @Override
    public boolean isRunning() {
        return poller != null && !poller.isDisposed();
    }
}
