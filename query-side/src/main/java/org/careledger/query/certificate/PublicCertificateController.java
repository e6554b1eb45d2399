package org.careledger.query.certificate;

import org.careledger.kernel.stereotype.WebAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Public verification of a filing certificate: its signed content, signature and key id, and its
 * current status. The signature can be checked offline with the published public key. The answer
 * comes from {@link CertificateVerification}, which the certificate page uses too.
 */
@RestController
@WebAdapter
public record PublicCertificateController(CertificateVerification verification) {

    @GetMapping("/api/v1/public/certificates/{number}")
    public Mono<CertificateAnswer> certificate(@PathVariable String number,
                                               @RequestParam(required = false) Long minPosition) {
        return verification.verify(number, minPosition);
    }
}
