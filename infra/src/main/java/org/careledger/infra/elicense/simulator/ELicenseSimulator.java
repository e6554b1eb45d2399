package org.careledger.infra.elicense.simulator;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A stand-in for a district's e-license platform (电子证照库), for the embedded default and tests.
 * It is clearly separate from the application (its own path, {@code /simulator/e-license}) and is
 * reached by the real HTTP adapter exactly as a real platform would be. It answers VALID for a
 * credit code that passes the GB 32100 check character and UNKNOWN for one that fails it, so a
 * run without any script shows the needs-verification path (docs/domain.md, rule F4), unless
 * scripted:
 * <ul>
 *   <li>{@code PUT /simulator/e-license/script/{creditCode}} {@code {"status": "EXPIRED"}} — VALID,
 *   EXPIRED, REVOKED or UNKNOWN for that code;</li>
 *   <li>{@code PUT /simulator/e-license/mode} {@code {"down": true, "delayMs": 0}} — answer 503, or
 *   answer late;</li>
 *   <li>{@code GET /simulator/e-license/requests[?creditCode=]} — how many verifications it answered, and the
 *       last request (for a credit code).</li>
 * </ul>
 */
@RestController
@RequestMapping("/simulator/e-license")
@Conditional(ELicenseSimulatorCondition.class)
public class ELicenseSimulator implements org.careledger.command.licence.BuiltInLicencePlatform {

    private final Map<String, String> scripted = new ConcurrentHashMap<>();
    private final AtomicReference<Mode> mode = new AtomicReference<>(new Mode(false, 0));
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicReference<VerifyRequest> lastRequest = new AtomicReference<>();
    /** The last request per credit code (bounded), so a caller finds its own among concurrent ones. */
    private final Map<String, VerifyRequest> lastByCode = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, VerifyRequest> eldest) {
                    return size() > 1_000;
                }
            });

    public record Mode(boolean down, long delayMs) {
    }

    public record Script(String status) {
    }

    public record VerifyRequest(String creditCode, String licenceType, String licenceNumber) {
    }

    public record VerifyResponse(String status, String licenceNumber, String holderName, LocalDate validFrom,
                                 LocalDate validUntil) {
    }

    @PostMapping("/v1/licences/verify")
    public Mono<ResponseEntity<VerifyResponse>> verify(@RequestBody VerifyRequest request) {
        Mode current = mode.get();
        Mono<ResponseEntity<VerifyResponse>> answer = Mono.fromSupplier(() -> {
            if (current.down()) {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
            }
            answered.incrementAndGet();
            lastRequest.set(request);
            String code = request == null || request.creditCode() == null ? "" : request.creditCode();
            lastByCode.put(code, request);
            String status = scripted.getOrDefault(code, checksumValid(code) ? "VALID" : "UNKNOWN");
            LocalDate today = LocalDate.now();
            return ResponseEntity.ok(switch (status) {
                case "EXPIRED" -> new VerifyResponse("EXPIRED", "L-" + code, "模拟持证主体", today.minusYears(5), today.minusDays(1));
                case "REVOKED" -> new VerifyResponse("REVOKED", "L-" + code, "模拟持证主体", today.minusYears(2), today.plusYears(3));
                case "UNKNOWN" -> new VerifyResponse("UNKNOWN", null, null, null, null);
                default -> new VerifyResponse("VALID", request.licenceNumber() != null ? request.licenceNumber() : "L-" + code,
                        "模拟持证主体", today.minusYears(1), today.plusYears(4));
            });
        });
        return current.delayMs() > 0 ? answer.delaySubscription(Duration.ofMillis(current.delayMs())) : answer;
    }

    private static boolean checksumValid(String code) {
        try {
            return org.careledger.kernel.value.CreditCode.parse(code).checksumValid();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @PutMapping("/script/{creditCode}")
    public Script script(@PathVariable String creditCode, @RequestBody Script script) {
        scripted.put(creditCode, script.status() == null ? "VALID" : script.status().toUpperCase(java.util.Locale.ROOT));
        return script;
    }

    @DeleteMapping("/script")
    public void clearScripts() {
        scripted.clear();
    }

    @PutMapping("/mode")
    public Mode mode(@RequestBody Mode newMode) {
        mode.set(newMode);
        return newMode;
    }

    @GetMapping("/requests")
    public Map<String, Object> requests(@org.springframework.web.bind.annotation.RequestParam(required = false)
                                        String creditCode) {
        VerifyRequest last = creditCode == null ? lastRequest.get() : lastByCode.get(creditCode);
        return last == null ? Map.of("answered", answered.get())
                : Map.of("answered", answered.get(), "lastRequest", last);
    }
}
