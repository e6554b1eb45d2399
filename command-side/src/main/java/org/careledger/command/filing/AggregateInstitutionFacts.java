package org.careledger.command.filing;

import org.axonframework.modelling.command.Repository;
import org.careledger.kernel.id.InstitutionId;
import org.springframework.stereotype.Component;

/**
 * {@link InstitutionFacts} from the institution's own event-sourced record, loaded read-only inside
 * the calling command's unit of work (no event is applied to it). Loading takes Axon's lock on the
 * institution for the unit of work, so the enrolments of one institution serialise in the process;
 * across instances, the place checks serialise on a database lock ({@code EnrolmentRegistry}).
 */
@Component
class AggregateInstitutionFacts implements InstitutionFacts {

    private final Repository<Institution> institutions;

    AggregateInstitutionFacts(Repository<Institution> institutionRepository) {
        this.institutions = institutionRepository;
    }

    @Override
    public Facts of(InstitutionId institution) {
        // an unknown institution is answered as before the split: Axon's AggregateNotFoundException (404 NOT_FOUND)
        return institutions.load(institution.value()).invoke(Institution::facts);
    }
}
