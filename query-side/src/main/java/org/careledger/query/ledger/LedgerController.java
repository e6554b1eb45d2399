package org.careledger.query.ledger;

import java.time.Duration;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.stereotype.WebAdapter;
import org.careledger.ledger.LedgerRoot;
import org.careledger.query.api.Page;
import org.careledger.query.api.Paging;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The ledger's three endpoints (docs/ledger.md): the published roots (public), verification of
 * the whole chain (ADMIN), and an institution's evidence bundle (INSPECTOR of its jurisdiction, or
 * ADMIN). Blocking JDBC work runs on the bounded elastic scheduler; the roots are read with R2DBC.
 */
@RestController
@WebAdapter
public record LedgerController(LedgerQueries queries, LedgerVerifier verifier, EvidenceBundleExporter exporter,
                               @Value("${careledger.read-your-writes.timeout:5s}") Duration readYourWritesTimeout) {

    private static final Duration POLL = Duration.ofMillis(50);

    /** Published roots, newest first. {@code minPosition} waits until a root covers that global position. */
    @GetMapping("/api/v1/public/ledger/roots")
    public Mono<Page<LedgerRoot>> roots(@RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size,
                                        @RequestParam(required = false) Long minPosition) {
        Paging paging = Paging.of(page, size);
        return awaitRoot(minPosition).then(queries.roots(paging));
    }

    /** Recomputes the chain from the stored rows; answers the first mismatch, or that every link verified. */
    @PostMapping("/api/v1/admin/ledger/verify")
    public Mono<LedgerVerifier.Report> verify(Caller caller) {
        caller.requireRole(Role.ADMIN);
        return Mono.fromCallable(verifier::verify).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The institution's evidence bundle against the latest root, as a JSON file. Events recorded
     * after that root are in the next root's bundle. {@code minPosition} waits until a root covers it.
     */
    @GetMapping("/api/v1/inspector/institutions/{id}/export")
    public Mono<ResponseEntity<Flux<DataBuffer>>> export(Caller caller, @PathVariable String id,
                                                         @RequestParam(required = false) Long minPosition) {
        caller.requireRole(Role.INSPECTOR, Role.ADMIN);
        InstitutionId institution = org.careledger.kernel.id.Identifiers.inPath(id, InstitutionId::new, "institution id");
        return awaitRoot(minPosition)
                .then(Mono.fromCallable(() -> exporter.plan(caller, institution)).subscribeOn(Schedulers.boundedElastic()))
                .map(plan -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename("evidence-" + id + "-root-" + plan.root().rootId() + ".json").build().toString())
                        .body(exporter.stream(plan).map(DefaultDataBufferFactory.sharedInstance::wrap)));
    }

    /** Completes once a root covers {@code minPosition} (nothing to wait for when null), or fails with 503. */
    private Mono<Void> awaitRoot(Long minPosition) {
        if (minPosition == null) {
            return Mono.empty();
        }
        if (minPosition < 0) {
            return Mono.error(new DomainException(ErrorCode.INVALID_QUERY, "minPosition must not be negative"));
        }
        return queries.covered()
                .filter(covered -> covered >= minPosition)
                .repeatWhenEmpty(attempts -> attempts.delayElements(POLL))
                .timeout(readYourWritesTimeout, Mono.error(() -> new DomainException(ErrorCode.PROJECTION_NOT_CAUGHT_UP,
                        "No published ledger root covers position " + minPosition + " yet; retry shortly")))
                .then();
    }
}
