package org.careledger.command.child.api;

import static org.careledger.command.api.RequestParsing.institutionInPath;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.command.api.CommandAccepted;
import org.careledger.command.api.CommandDispatcher;
import org.careledger.command.api.RequestParsing;
import org.careledger.command.child.PersonalDataVault;
import org.careledger.kernel.child.ChildPersonalData;
import org.careledger.kernel.child.CitizenId;
import org.careledger.command.child.EraseChildPersonalData;
import org.careledger.kernel.child.HealthCheckKind;
import org.careledger.kernel.child.HealthOutcome;
import org.careledger.kernel.child.PersonalDataPurpose;
import org.careledger.command.child.RecordHealthCheck;
import org.careledger.command.child.RecordPersonalDataAccess;
import org.careledger.command.child.RegisterChild;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.value.InputRules;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import org.careledger.kernel.stereotype.WebAdapter;

/**
 * Children's identities: registration (personal data goes only to the encrypted store), viewing
 * (each view is recorded as an event first), and erasure (administrators).
 */
@RestController
@WebAdapter
public record ChildController(CommandDispatcher dispatcher, PersonalDataVault vault, ObjectMapper json) {

    record RegisterChildBody(String name, String citizenId, String birthDate, String guardianName, String guardianPhone) {
        @Override
        public String toString() {
            return "RegisterChildBody[redacted]";
        }
    }

    record EraseBody(String reason) {
    }

    @PostMapping("/api/v1/institutions/{id}/children")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CommandAccepted> register(Caller caller, @PathVariable String id,
                                          @RequestBody(required = false) RegisterChildBody body, ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        Violations v = RequestParsing.violationsFor(body);
        String name = text(v, "name", body.name(), InputRules.MAX_PERSON_NAME);
        CitizenId citizenId = body.citizenId() == null ? null : v.parse("citizenId", () -> CitizenId.parse(body.citizenId()));
        if (body.citizenId() == null) {
            v.add("citizenId", "REQUIRED", "citizenId is required");
        }
        LocalDate birthDate = RequestParsing.date(v, "birthDate", body.birthDate(), true, InputRules.BIRTH_DATE);
        if (citizenId != null && birthDate != null && !citizenId.birthDate().equals(birthDate)) {
            v.add("birthDate", "BIRTH_DATE_MISMATCH", "The birth date inside the citizen ID does not agree with birthDate");
        }
        String guardian = text(v, "guardianName", body.guardianName(), InputRules.MAX_PERSON_NAME);
        String phone = text(v, "guardianPhone", body.guardianPhone(), InputRules.MAX_PHONE);
        if (phone != null && !phone.matches(InputRules.PHONE_PATTERN)) {
            v.add("guardianPhone", "INVALID_PHONE", "guardianPhone may hold digits, spaces, +, - and parentheses");
        }
        v.throwIfAny();
        ChildRef child = UuidId.generate(ChildRef::new);
        return dispatcher.dispatchReturning(new RegisterChild(child, institution,
                        new ChildPersonalData(name, citizenId, birthDate, guardian, phone)), caller, exchange);
    }

    /** The child's personal data, for its institution and inspectors of its jurisdiction; the view is recorded first. */
    @GetMapping("/api/v1/children/{childRef}/personal-data")
    public Mono<Map<String, Object>> personalData(Caller caller, @PathVariable String childRef,
                                                  @RequestParam(required = false) String purpose,
                                                  @RequestParam(required = false) String note,
                                                  ServerWebExchange exchange) {
        ChildRef child = child(childRef);
        Violations v = new Violations();
        PersonalDataPurpose code = RequestParsing.enumValue(v, "purpose", purpose, PersonalDataPurpose.class, true);
        String text = RequestParsing.text(v, "note", note, code == PersonalDataPurpose.OTHER, PersonalDataPurpose.MAX_NOTE);
        if (!v.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "purpose must be one of " + java.util.Arrays.toString(
                    PersonalDataPurpose.values()) + ", with an optional note (required for OTHER)", v.list());
        }
        String why = code.recorded(text);
        return dispatcher.dispatch(new RecordPersonalDataAccess(child, why), caller, exchange, child.value())
                .flatMap(recorded -> Mono.fromCallable(() -> read(child)).subscribeOn(Schedulers.boundedElastic()));
    }

    record HealthCheckBody(String kind, String checkedOn, String outcome, String details) {
        @Override
        public String toString() {
            return "HealthCheckBody[" + kind + ", " + checkedOn + ", " + outcome + "]";
        }
    }

    /** A health check recorded by the child's institution; details are stored encrypted. */
    @PostMapping("/api/v1/children/{childRef}/health-checks")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CommandAccepted> healthCheck(Caller caller, @PathVariable String childRef,
                                             @RequestBody(required = false) HealthCheckBody body, ServerWebExchange exchange) {
        ChildRef child = child(childRef);
        Violations v = RequestParsing.violationsFor(body);
        HealthCheckKind kind = RequestParsing.enumValue(v, "kind", body.kind(), HealthCheckKind.class, true);
        HealthOutcome outcome = RequestParsing.enumValue(v, "outcome", body.outcome(), HealthOutcome.class, true);
        LocalDate checkedOn = RequestParsing.date(v, "checkedOn", body.checkedOn(), true, InputRules.PAST_EVENT);
        if (body.details() != null && body.details().length() > InputRules.MAX_DETAILS) {
            v.add("details", "TOO_LONG", "details is longer than " + InputRules.MAX_DETAILS + " characters");
        }
        v.throwIfAny();
        return dispatcher.dispatch(new RecordHealthCheck(child, kind, checkedOn, outcome, body.details()), caller, exchange,
                child.value());
    }

    @PostMapping("/api/v1/admin/children/{childRef}/erase")
    public Mono<CommandAccepted> erase(Caller caller, @PathVariable String childRef,
                                       @RequestBody(required = false) EraseBody body, ServerWebExchange exchange) {
        ChildRef child = child(childRef);
        Violations v = new Violations();
        String reason = RequestParsing.text(v, "reason", body == null ? null : body.reason(), true, InputRules.MAX_REASON);
        v.throwIfAny();
        return dispatcher.dispatch(new EraseChildPersonalData(child, reason), caller, exchange, child.value());
    }

    private Map<String, Object> read(ChildRef child) throws java.io.IOException {
        var identity = vault.read(child, "identity");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("childRef", child.value());
        if (identity.isEmpty()) {
            answer.put("erased", true);
            return answer;
        }
        answer.put("erased", false);
        answer.putAll(json.readValue(identity.get(), new TypeReference<Map<String, Object>>() { }));
        return answer;
    }

    private static String text(Violations v, String field, String raw, int max) {
        return RequestParsing.text(v, field, raw, true, max);
    }

    private static ChildRef child(String raw) {
        return RequestParsing.pathId(raw, ChildRef::new, "child reference");
    }
}
