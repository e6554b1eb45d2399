package org.careledger.command.child;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Repository;
import org.careledger.command.filing.InstitutionDirectory;
import org.careledger.kernel.child.ChildPersonalData;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.DivisionCode;
import org.springframework.stereotype.Component;

/**
 * Registers a child: its personal data goes encrypted into the vault, the event carries only the
 * child reference and the birth month, all in one transaction. A child this institution already
 * registered under the same citizen ID (found by keyed hash) keeps its reference: registering it
 * again creates nothing. A child known to another institution gets a reference of its own here,
 * so the answer is the same whether or not the citizen ID is known elsewhere (docs/domain.md,
 * rule P4); one active enrolment per person is held on the keyed hash (rule E2).
 */
@Component
class RegisterChildHandler {

    static final String IDENTITY = "identity";

    private final Repository<Child> children;
    private final InstitutionDirectory institutions;
    private final PersonalDataVault vault;
    private final ObjectMapper json;
    private final Clock clock;

    RegisterChildHandler(Repository<Child> childRepository, InstitutionDirectory institutions, PersonalDataVault vault,
                         ObjectMapper json, Clock clock) {
        this.children = childRepository;
        this.institutions = institutions;
        this.vault = vault;
        this.json = json;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(RegisterChild command, MetaData metaData) throws Exception {
        Caller caller = Caller.fromMetaData(metaData);
        caller.requireRole(Role.OPERATOR, Role.ADMIN);
        DivisionCode division = institutions.requireDivisionOf(command.institutionId());
        caller.requireAccess(command.institutionId(), division);
        ChildPersonalData data = command.personalData();
        data.citizenId().requireBirthDate(data.birthDate());
        var known = vault.claimIdentity(data.citizenId(), command.childRef(), command.institutionId());
        if (known.isPresent()) {
            return known.get().value();
        }
        vault.store(command.childRef(), IDENTITY, serialise(data));
        children.newInstance(() -> new Child(command.childRef(), command.institutionId(), division,
                YearMonth.from(data.birthDate()), clock.instant()));
        return command.childRef().value();
    }

    private byte[] serialise(ChildPersonalData data) throws JsonProcessingException {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("name", data.name());
        identity.put("citizenId", data.citizenId().value());
        identity.put("birthDate", data.birthDate().toString());
        identity.put("guardianName", data.guardianName());
        identity.put("guardianPhone", data.guardianPhone());
        return json.writeValueAsString(identity).getBytes(StandardCharsets.UTF_8);
    }

}
