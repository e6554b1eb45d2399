package org.careledger.command.child;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.careledger.command.filing.ChildDirectory;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.ChildRef;
import org.springframework.stereotype.Component;

/** Reads a child's facts from its own event-sourced record, inside the enrolling command's unit of work. */
@Component
class AggregateChildDirectory implements ChildDirectory {

    private final Repository<Child> children;

    AggregateChildDirectory(Repository<Child> childRepository) {
        this.children = childRepository;
    }

    @Override
    public ChildFacts facts(ChildRef child) {
        try {
            return children.load(child.value()).invoke(Child::facts);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.CHILD_NOT_FOUND, "No child " + child);
        }
    }
}
