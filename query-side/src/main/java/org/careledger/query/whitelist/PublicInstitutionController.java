package org.careledger.query.whitelist;

import com.fasterxml.jackson.databind.util.RawValue;
import org.careledger.kernel.stereotype.WebAdapter;
import org.careledger.query.api.Page;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The public white-list lookup (no token needed). It shows filed institutions only: submitted or
 * rejected filings never appear; suspended ones appear as suspended; revoked and deregistered ones
 * stay visible with that status for {@code careledger.white-list.revoked-visible-days}. Nothing
 * about children or staff is stored here, so nothing of theirs can be shown. The answers come from
 * {@link PublicRegisterQueries} (which the public pages use too); this adapter adds only the HTTP:
 * parameters, and the immutable caching of an answer about a past day.
 */
@RestController
@WebAdapter
@RequestMapping("/api/v1/public/institutions")
public record PublicInstitutionController(PublicRegisterQueries register) {

    @GetMapping
    public Mono<Page<RawValue>> search(@ParameterObject PublicRegisterQueries.Search search,
                                       @RequestParam(required = false) Long minPosition,
                                       @RequestParam(required = false) String asOf, ServerHttpResponse response) {
        return register.search(search, minPosition, asOf).map(dated -> answer(dated, response));
    }

    @GetMapping("/{filingNumber}")
    public Mono<RawValue> byFilingNumber(@PathVariable String filingNumber,
                                         @RequestParam(required = false) Long minPosition,
                                         @RequestParam(required = false) String asOf, ServerHttpResponse response) {
        return register.byFilingNumber(filingNumber, minPosition, asOf).map(dated -> answer(dated, response));
    }

    private static <T> T answer(PublicRegisterQueries.Dated<T> dated, ServerHttpResponse response) {
        PublishedRegister.immutable(response, dated.cut());
        return dated.answer();
    }
}
