package org.careledger.command.api;

import static org.careledger.command.api.RequestParsing.institutionInPath;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.command.filing.ApproveFiling;
import org.careledger.command.filing.CloseClass;
import org.careledger.command.filing.DeregisterInstitution;
import org.careledger.command.filing.ReinstateFiling;
import org.careledger.command.filing.ResizeClass;
import org.careledger.command.filing.RevokeFiling;
import org.careledger.command.filing.SuspendFiling;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
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
 * The filing commands of API.md. Bodies are parsed into commands here (all field errors at once);
 * who may do what is decided by the aggregate (ADR 0007).
 */
@RestController
@WebAdapter
@RequestMapping("/api/v1/institutions")
public class FilingController {

    private final CommandDispatcher dispatcher;

    public FilingController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Register an institution and submit its filing. An operator files the institution its token names. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CommandAccepted> file(Caller caller, @RequestBody(required = false) FilingRequests.FileInstitutionBody body,
                                      ServerWebExchange exchange) {
        caller.requireRole(Role.OPERATOR, Role.ADMIN);
        InstitutionId id = caller.role() == Role.OPERATOR ? caller.institutionId() : UuidId.generate(InstitutionId::new);
        var command = FilingRequests.fileInstitution(id, body);
        return dispatcher.dispatch(command, caller, exchange, id.value());
    }

    @PostMapping("/{id}/filing/approve")
    public Mono<CommandAccepted> approve(Caller caller, @PathVariable String id, ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        return send(new ApproveFiling(institution), caller, exchange, institution);
    }

    @PostMapping("/{id}/filing/reject")
    public Mono<CommandAccepted> reject(Caller caller, @PathVariable String id,
                                        @RequestBody(required = false) FilingRequests.RejectBody body,
                                        ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        return send(FilingRequests.rejectFiling(institution, body), caller, exchange, institution);
    }

    @PostMapping("/{id}/filing/amend")
    public Mono<CommandAccepted> amend(Caller caller, @PathVariable String id,
                                       @RequestBody(required = false) FilingRequests.AmendFilingBody body,
                                       ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        return send(FilingRequests.amendFiling(institution, body), caller, exchange, institution);
    }

    @PostMapping("/{id}/filing/suspend")
    public Mono<CommandAccepted> suspend(Caller caller, @PathVariable String id,
                                         @RequestBody(required = false) FilingRequests.ReasonBody body,
                                         ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        return send(new SuspendFiling(institution, FilingRequests.reason(body, true)), caller, exchange, institution);
    }

    @PostMapping("/{id}/filing/reinstate")
    public Mono<CommandAccepted> reinstate(Caller caller, @PathVariable String id,
                                           @RequestBody(required = false) FilingRequests.ReasonBody body,
                                           ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        return send(new ReinstateFiling(institution, FilingRequests.reason(body, false)), caller, exchange, institution);
    }

    @PostMapping("/{id}/filing/revoke")
    public Mono<CommandAccepted> revoke(Caller caller, @PathVariable String id,
                                        @RequestBody(required = false) FilingRequests.ReasonBody body,
                                        ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        return send(new RevokeFiling(institution, FilingRequests.reason(body, true)), caller, exchange, institution);
    }

    @PostMapping("/{id}/filing/deregister")
    public Mono<CommandAccepted> deregister(Caller caller, @PathVariable String id,
                                            @RequestBody(required = false) FilingRequests.ReasonBody body,
                                            ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        return send(new DeregisterInstitution(institution, FilingRequests.reason(body, false)), caller, exchange, institution);
    }

    /** Grant ({@code granted: true}) or withdraw ({@code granted: false}) 普惠 status. */
    @PostMapping("/{id}/puhui")
    public Mono<CommandAccepted> puhui(Caller caller, @PathVariable String id,
                                       @RequestBody(required = false) FilingRequests.PuhuiBody body,
                                       ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        return send(FilingRequests.puhui(institution, body), caller, exchange, institution);
    }

    @PostMapping("/{id}/classes")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CommandAccepted> openClass(Caller caller, @PathVariable String id,
                                           @RequestBody(required = false) FilingRequests.OpenClassBody body,
                                           ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        ClassId classId = UuidId.generate(ClassId::new);
        return dispatcher.dispatch(FilingRequests.openClass(institution, classId, body), caller, exchange,
                institution.value(), classId.value());
    }

    @PostMapping("/{id}/classes/{classId}/resize")
    public Mono<CommandAccepted> resizeClass(Caller caller, @PathVariable String id, @PathVariable String classId,
                                             @RequestBody(required = false) FilingRequests.ResizeClassBody body,
                                             ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        ClassId cls = classId(classId);
        return dispatcher.dispatch(new ResizeClass(institution, cls, FilingRequests.places(body)), caller, exchange,
                institution.value(), cls.value());
    }

    @PostMapping("/{id}/classes/{classId}/close")
    public Mono<CommandAccepted> closeClass(Caller caller, @PathVariable String id, @PathVariable String classId,
                                            @RequestBody(required = false) FilingRequests.ReasonBody body,
                                            ServerWebExchange exchange) {
        InstitutionId institution = institutionInPath(id);
        ClassId cls = classId(classId);
        return dispatcher.dispatch(new CloseClass(institution, cls, FilingRequests.reason(body, false)), caller, exchange,
                institution.value(), cls.value());
    }

    private Mono<CommandAccepted> send(Object command, Caller caller, ServerWebExchange exchange, InstitutionId id) {
        return dispatcher.dispatch(command, caller, exchange, id.value());
    }

    private static ClassId classId(String raw) {
        return RequestParsing.pathId(raw, ClassId::new, "class id");
    }
}
