package org.careledger.command.child;


import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.careledger.command.enrolment.ChildDirectory;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.ChildRef;
import org.springframework.stereotype.Component;

/**
 * Reads a child's facts from its own event-sourced record, inside the enrolling command's unit of
 * work, and its birth date from the protected store (ages are counted to the day, docs/domain.md
 * rule A1); the date is decrypted in the command and never logged.
 */
@Component
class AggregateChildDirectory implements ChildDirectory {

    private final Repository<Child> children;
    private final PersonalDataVault vault;
    private final ChildIdentityRecords identities;

    AggregateChildDirectory(Repository<Child> childRepository, PersonalDataVault vault, ChildIdentityRecords identities) {
        this.children = childRepository;
        this.vault = vault;
        this.identities = identities;
    }

    @Override
    public ChildFacts facts(ChildRef child) {
        ChildFacts facts;
        try {
            facts = children.load(child.value()).invoke(Child::facts);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.CHILD_NOT_FOUND, "No child " + child);
        }
        if (facts.erased()) {
            return facts;
        }
        ChildFacts known = identities.birthDate(child).map(facts::withBirthDate).orElse(facts);
        return vault.personKey(child).map(known::withPersonKey).orElse(known);
    }
}
