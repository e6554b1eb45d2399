package org.careledger.query.whitelist;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.value.InputRules;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Open data (issue 16 §2), public like the white-list: the whole register in one streamed answer
 * (CSV or NDJSON, live or as of a day), and the change feed of the register, which mirrors follow
 * with a cursor. Nothing about children or staff is in a public entry, so nothing of theirs is here.
 */
@RestController
@org.careledger.kernel.stereotype.WebAdapter
public class OpenDataController {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    /** Entries per written buffer: few writes, and no more of the register in memory than that. */
    private static final int CHUNK = 64;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final PublicWhiteList whiteList;
    private final PublishedRegister register;
    private final ObjectMapper json;
    private final RegisterCsv csv;
    private final Clock clock = Clock.systemUTC();

    public OpenDataController(PublicWhiteList whiteList, PublishedRegister register, ObjectMapper json) {
        this.whiteList = whiteList;
        this.register = register;
        this.json = json;
        this.csv = new RegisterCsv(json);
    }

    /**
     * The whole register, live or as of a day: CSV (the columns of docs/api.md, optionally with a
     * UTF-8 byte order mark for spreadsheets) or NDJSON (one public entry per line, as the detail
     * answers it), in filing-number order, written as it is read.
     */
    @GetMapping("/api/v1/public/institutions/export")
    public Mono<ResponseEntity<Flux<DataBuffer>>> export(@RequestParam(required = false) String format,
                                                         @RequestParam(required = false) Boolean bom,
                                                         @RequestParam(required = false) String asOf) {
        Violations v = new Violations();
        String kind = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("ndjson")) {
            v.add("format", "UNKNOWN_VALUE", "format is csv or ndjson");
        }
        if (Boolean.TRUE.equals(bom) && kind.equals("ndjson")) {
            v.add("bom", "OUT_OF_RANGE", "a byte order mark is for CSV only (NDJSON is plain UTF-8)");
        }
        LocalDate day = RegisterDate.day(v, asOf);
        if (!v.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "Invalid query parameters", v.list());
        }
        Instant cut = RegisterDate.cut(day, clock);
        boolean asCsv = kind.equals("csv");
        boolean withBom = Boolean.TRUE.equals(bom);
        LocalDate named = day != null ? day : LocalDate.now(clock.withZone(InputRules.ZONE));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(asCsv ? TEXT_CSV : MediaType.APPLICATION_NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("careledger-register-" + named + (asCsv ? ".csv" : ".ndjson")).build().toString());
        if (cut == null) {
            return loaded().then(Mono.fromSupplier(() -> answer.body(lines(asCsv, withBom,
                    Flux.defer(() -> Flux.fromIterable(whiteList.matching(register.visibleAt(clock.instant()))))))));
        }
        return register.caughtUp().then(register.fingerprint(cut)).map(fingerprint -> answer
                .cacheControl(PublishedRegister.IMMUTABLE)
                .eTag("W/\"register-" + day + "-" + kind + (withBom ? "-bom" : "") + "-" + fingerprint + "\"")
                .body(lines(asCsv, withBom, register.asOf(cut))));
    }

    /** A line of the change feed: a version of a public entry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChangeLine(long cursor, String change, String filingNumber, Instant publishedAt, String status,
                             Instant statusChangedAt, Instant visibleUntil, @JsonRawValue String entry) {
    }

    /**
     * The change feed: every version of a public entry published after the cursor, in the order
     * of the store, at most {@code limit}; one JSON object per line with its own {@code cursor}.
     * The next cursor is in the header {@code Next-Cursor} (the same as {@code after} when nothing
     * new is final yet). Only versions below every position the projection may still fill are
     * answered, so a version never appears behind a cursor already handed out.
     */
    @GetMapping("/api/v1/public/changes")
    public Mono<ResponseEntity<Flux<DataBuffer>>> changes(@RequestParam(required = false) String after,
                                                          @RequestParam(required = false) Integer limit) {
        Violations v = new Violations();
        long from = 0;
        if (after != null && !after.isBlank()) {
            if (after.strip().matches("\\d{1,18}")) {
                from = Long.parseLong(after.strip());
            } else {
                v.add("after", "INVALID_CURSOR", "after is a cursor from this feed (digits), or absent to start from the beginning");
            }
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            v.add("limit", "OUT_OF_RANGE", "limit is 1.." + MAX_LIMIT);
        }
        if (!v.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "Invalid query parameters", v.list());
        }
        long start = from;
        return register.nextCursors(start, size).map(cursors -> {
            long next = cursors.isEmpty() ? start : cursors.get(cursors.size() - 1);
            Flux<DataBuffer> body = cursors.isEmpty() ? Flux.empty()
                    : register.versions(start, next).map(this::line).buffer(CHUNK).map(OpenDataController::buffer);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON)
                    .header("Next-Cursor", Long.toString(next)).body(body);
        });
    }

    private Mono<Void> loaded() {
        return whiteList.isLoaded() ? Mono.empty() : whiteList.ready().timeout(java.time.Duration.ofSeconds(10),
                Mono.error(() -> new DomainException(ErrorCode.PROJECTION_NOT_CAUGHT_UP,
                        "The white-list is still loading; retry shortly")));
    }

    private Flux<DataBuffer> lines(boolean asCsv, boolean withBom, Flux<PublicWhiteList.Entry> entries) {
        Flux<String> records = entries.map(e -> asCsv ? csv.record(e.json(), e.statusChangedAt()) : e.json() + "\n");
        Flux<String> all = asCsv ? Flux.concat(Mono.just(RegisterCsv.header()), records) : records;
        Flux<DataBuffer> body = all.buffer(CHUNK).map(OpenDataController::buffer);
        return withBom ? Flux.concat(Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(BOM.clone())), body)
                : body;
    }

    private String line(PublishedRegister.Version version) {
        try {
            return json.writeValueAsString(new ChangeLine(version.cursor(), version.change(), version.filingNumber(),
                    version.publishedAt(), version.status(), version.statusChangedAt(),
                    register.visibleUntil(version.status(), version.statusChangedAt()), version.entry())) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a change-feed line", e);
        }
    }

    private static DataBuffer buffer(List<String> lines) {
        return DefaultDataBufferFactory.sharedInstance.wrap(String.join("", lines).getBytes(StandardCharsets.UTF_8));
    }
}
