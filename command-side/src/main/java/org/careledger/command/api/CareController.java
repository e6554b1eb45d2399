package org.careledger.command.api;

import static org.careledger.command.api.RequestParsing.institutionInPath;

import org.careledger.kernel.attendance.AttendanceOutcome;
import org.careledger.command.attendance.SubmitAttendance;
import org.careledger.kernel.enrolment.DoubleEnrolmentRefusal;
import org.careledger.command.enrolment.EnrolChild;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.StaffRef;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import org.careledger.kernel.stereotype.WebAdapter;

/**
 * An institution's care facts: enrolments under service contracts (with transfers and
 * withdrawals), a day's attendance as one batch, staff members and their certificates, and its
 * medical agreement. Operators act for their own institution; the rules live in the aggregates.
 */
@RestController
@WebAdapter
@RequestMapping("/api/v1/institutions/{id}")
public class CareController {

    private final CommandDispatcher dispatcher;

    public CareController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** The answer to a day's attendance: what was recorded, corrected or already known. */
    public record AttendanceAccepted(String id, long position, int recorded, int corrected, int unchanged) {
    }

    @PostMapping("/enrolments")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CommandAccepted> enrol(Caller caller, @PathVariable String id,
                                       @RequestBody(required = false) CareRequests.EnrolBody body,
                                       ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        EnrolChild command = CareRequests.enrol(institution, UuidId.generate(EnrolmentId::new), body);
        // sendFor: a retry after a crash answers the enrolment id that was committed (ADR 0021)
        // the enrolment is an aggregate of its own (ADR 0023): the position reported is its stream's
        return dispatcher.<Object>sendFor(command, caller, exchange, command.enrolmentId().value(),
                        command.enrolmentId().value())
                .flatMap(sent -> {
                    if (sent.result() instanceof DoubleEnrolmentRefusal) {
                        return Mono.error(new DomainException(ErrorCode.DOUBLE_ENROLMENT,
                                "The child already holds an active enrolment; the attempt has been recorded for inspectors"));
                    }
                    return dispatcher.positionOf(sent.aggregateId())
                            .map(position -> new CommandAccepted(sent.answeredId(), position));
                });
    }

    @PostMapping("/enrolments/{enrolmentId}/withdraw")
    public Mono<CommandAccepted> withdraw(Caller caller, @PathVariable String id, @PathVariable String enrolmentId,
                                          @RequestBody(required = false) CareRequests.WithdrawBody body,
                                          ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        EnrolmentId enrolment = enrolment(enrolmentId);
        return dispatcher.dispatch(CareRequests.withdraw(institution, enrolment, body), caller, exchange,
                enrolment.value());
    }

    @PostMapping("/enrolments/{enrolmentId}/transfer")
    public Mono<CommandAccepted> transfer(Caller caller, @PathVariable String id, @PathVariable String enrolmentId,
                                          @RequestBody(required = false) CareRequests.TransferBody body,
                                          ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        EnrolmentId enrolment = enrolment(enrolmentId);
        return dispatcher.dispatch(CareRequests.transfer(institution, enrolment, body), caller, exchange,
                enrolment.value());
    }

    /** A day's attendance; resubmitting the same batch writes nothing (see also Idempotency-Key). */
    @PostMapping("/attendance")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<AttendanceAccepted> attendance(Caller caller, @PathVariable String id,
                                               @RequestBody(required = false) CareRequests.AttendanceBody body,
                                               ServerWebExchange exchange) {
        SubmitAttendance command = CareRequests.attendance(institutionInPath(id), body);
        return dispatcher.<AttendanceOutcome>send(command, caller, exchange)
                .flatMap(outcome -> dispatcher.positionOf(command.attendanceDayId())
                        .map(position -> new AttendanceAccepted(outcome.attendanceDayId(), position, outcome.recorded(),
                                outcome.corrected(), outcome.unchanged())));
    }

    @PostMapping("/staff")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CommandAccepted> registerStaff(Caller caller, @PathVariable String id,
                                               @RequestBody(required = false) CareRequests.StaffBody body,
                                               ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        StaffRef staff = UuidId.generate(StaffRef::new);
        return dispatcher.dispatch(CareRequests.staff(institution, staff, body), caller, exchange, staff.value());
    }

    @PostMapping("/staff/{staffRef}/certificates")
    public Mono<CommandAccepted> renewCertificates(Caller caller, @PathVariable String id, @PathVariable String staffRef,
                                                   @RequestBody(required = false) CareRequests.CertificatesBody body,
                                                   ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        StaffRef staff = staff(staffRef);
        return dispatcher.dispatch(CareRequests.certificates(institution, staff, body), caller, exchange,
                staff.value());
    }

    @PostMapping("/staff/{staffRef}/departure")
    public Mono<CommandAccepted> departure(Caller caller, @PathVariable String id, @PathVariable String staffRef,
                                           @RequestBody(required = false) CareRequests.DepartureBody body,
                                           ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        StaffRef staff = staff(staffRef);
        return dispatcher.dispatch(CareRequests.departure(institution, staff, body), caller, exchange, staff.value());
    }

    @PostMapping("/medical-agreements")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CommandAccepted> medicalAgreement(Caller caller, @PathVariable String id,
                                                  @RequestBody(required = false) CareRequests.MedicalAgreementBody body,
                                                  ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        return dispatcher.dispatch(CareRequests.medicalAgreement(institution, body), caller, exchange,
                institution.value());
    }

    private static EnrolmentId enrolment(String raw) {
        return RequestParsing.pathId(raw, EnrolmentId::new, "enrolment id");
    }

    private static StaffRef staff(String raw) {
        return RequestParsing.pathId(raw, StaffRef::new, "staff reference");
    }
}
