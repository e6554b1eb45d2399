package org.careledger.command.licence.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.command.api.CommandAccepted;
import org.careledger.command.api.CommandDispatcher;
import org.careledger.command.licence.ELicenseProperties;
import org.careledger.command.licence.LicenceNotificationQueries;
import org.careledger.command.licence.NotificationSignature;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.licence.LicenceChange;
import org.careledger.command.licence.NotificationOutcome;
import org.careledger.command.licence.OverrideLicenceVerification;
import org.careledger.command.licence.RecordLicenceStatusChange;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.value.CreditCode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import org.careledger.kernel.stereotype.WebAdapter;

/**
 * The e-license endpoints: an inspector's override of a failed verification, and the signed
 * licence-change notifications e-license platforms push (authenticated by HMAC, not by JWT).
 */
@RestController
@WebAdapter
public record LicenceController(CommandDispatcher dispatcher, ELicenseProperties properties,
                                LicenceNotificationQueries queries, ObjectMapper json) {

    record OverrideBody(String reason) {
    }

    /** An inspector accepts a filing whose licence could not be verified, with a written reason. */
    @PostMapping("/api/v1/institutions/{id}/licence/override")
    public Mono<CommandAccepted> override(Caller caller, @PathVariable String id,
                                          @RequestBody(required = false) OverrideBody body, ServerWebExchange exchange) {
        InstitutionId institution = org.careledger.command.api.RequestParsing.institutionInPath(id);
        String reason = body == null ? null : body.reason();
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "A written reason (up to 1000 characters) is required");
        }
        return dispatcher.dispatch(new OverrideLicenceVerification(institution, reason.strip()), caller, exchange,
                institution.value());
    }

    /**
     * What a notification answers: whether it had been received before (then nothing was written),
     * the institution it concerns (null for an unknown credit code), and a position that covers
     * everything the notification did, for {@code minPosition}.
     */
    public record NotificationAccepted(boolean duplicate, String institutionId, Long position) {
    }

    @PostMapping("/api/v1/integration/e-license/notifications")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<NotificationAccepted> notification(@RequestHeader(name = "X-Platform-Id", required = false) String platform,
                                                   @RequestHeader(name = "X-Timestamp", required = false) String timestamp,
                                                   @RequestHeader(name = "X-Nonce", required = false) String nonce,
                                                   @RequestHeader(name = "X-Signature", required = false) String signature,
                                                   @RequestBody(required = false) byte[] body,
                                                   ServerWebExchange exchange) {
        byte[] raw = body == null ? new byte[0] : body;
        ELicenseProperties.Platform known = platform == null ? null : properties.platforms().get(platform);
        if (known == null || known.secret() == null || known.secret().isBlank()
                || !NotificationSignature.valid(known.secret(), timestamp, nonce, raw, signature)) {
            throw unauthenticated("Unknown platform or bad signature");
        }
        if (!NotificationSignature.fresh(timestamp, Instant.now(), properties.maxClockSkew())) {
            throw unauthenticated("The notification's timestamp is outside the allowed clock skew");
        }
        if (nonce.length() > 128) {
            throw unauthenticated("The nonce is too long");
        }
        Notification notification = parse(raw);
        // the nonce is only spent once the signature and timestamp proved the sender
        return queries.spendNonce(platform, nonce)
                .flatMap(first -> first ? Mono.just(true) : Mono.error(unauthenticated("This nonce was already used")))
                .then(queries.institutionOf(notification.creditCode()))
                .flatMap(institution -> dispatcher.<NotificationOutcome>sendFor(
                                new RecordLicenceStatusChange(institution, platform, notification.notificationId(),
                                        notification.change(), notification.effectiveAt(), notification.detail()),
                                Caller.system("e-license:" + platform), exchange, institution.value(), institution.value())
                        // the position covers what the change did (the suspension it causes); for a
                        // duplicate it is the institution's current position, which covers the first time
                        .flatMap(sent -> dispatcher.positionOf(sent.aggregateId()).map(position -> new NotificationAccepted(
                                sent.result() != null && sent.result().duplicate(), institution.value(), position))))
                // no institution holds the credit code: nothing to write, but a repeat is still a duplicate
                .switchIfEmpty(Mono.defer(() -> queries.recordUnmatched(platform, notification.notificationId(),
                                notification.creditCode(), notification.change().name())
                        .map(first -> new NotificationAccepted(!first, null, null))));
    }

    record Notification(String notificationId, CreditCode creditCode, LicenceChange change, Instant effectiveAt,
                        String detail) {
    }

    private Notification parse(byte[] raw) {
        JsonNode node;
        try {
            node = json.reader().with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(raw);
        } catch (java.io.IOException e) {
            if (String.valueOf(e.getMessage()).startsWith("Duplicate field")) {
                throw new DomainException(ErrorCode.DUPLICATE_KEY, "A key appears more than once in the notification");
            }
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The notification body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The notification body is not a JSON object");
        }
        Violations v = new Violations();
        String id = text(node, "notificationId");
        if (id == null || id.length() > 128) {
            v.add("notificationId", "REQUIRED", "notificationId (up to 128 characters) is required");
        }
        String code = text(node, "creditCode");
        CreditCode creditCode = code == null ? null : v.parse("creditCode", () -> CreditCode.parse(code));
        if (code == null) {
            v.add("creditCode", "REQUIRED", "creditCode is required");
        }
        LicenceChange change = null;
        String rawChange = text(node, "change");
        try {
            change = rawChange == null ? null : LicenceChange.valueOf(rawChange.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.add("change", "UNKNOWN_VALUE", "change must be REVOKED, EXPIRED or CHANGED");
        }
        if (rawChange == null) {
            v.add("change", "REQUIRED", "change is required");
        }
        Instant effectiveAt = null;
        String rawAt = text(node, "effectiveAt");
        try {
            effectiveAt = rawAt == null ? null : Instant.parse(rawAt);
        } catch (DateTimeParseException e) {
            v.add("effectiveAt", "INVALID_DATE", "effectiveAt is an ISO-8601 instant");
        }
        if (effectiveAt != null && !org.careledger.kernel.value.InputRules.plausibleInstant(effectiveAt)) {
            v.add("effectiveAt", "OUT_OF_RANGE", "effectiveAt must lie between 2000-01-01 and one day from now");
            effectiveAt = null;
        }
        String detail = text(node, "detail");
        if (detail != null && detail.length() > 1000) {
            v.add("detail", "TOO_LONG", "detail is longer than 1000 characters");
        }
        v.throwIfAny();
        return new Notification(id, creditCode, change, effectiveAt, detail);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isTextual() || value.asText().isBlank() ? null : value.asText().strip();
    }

    private static DomainException unauthenticated(String detail) {
        return new DomainException(ErrorCode.NOTIFICATION_UNAUTHENTICATED, detail);
    }

}
