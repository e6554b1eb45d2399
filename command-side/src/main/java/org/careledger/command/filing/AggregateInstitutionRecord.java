package org.careledger.command.filing;

import java.time.LocalDate;
import java.util.Optional;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.careledger.kernel.id.InstitutionId;
import org.springframework.stereotype.Component;

/**
 * What other aggregates read of an institution, from its own event-sourced record, loaded read-only
 * inside the calling command's unit of work (no event is applied to it): the approval day
 * ({@link FilingDirectory}) and the facts of the enrolment and staff rules ({@link InstitutionFacts}).
 * Loading takes Axon's lock on the institution for the unit of work, so the enrolments of one
 * institution serialise in the process; across instances, the place checks serialise on a database
 * lock ({@code EnrolmentRegistry}).
 */
@Component
class AggregateInstitutionRecord implements FilingDirectory, InstitutionFacts {

    private final Repository<Institution> institutions;

    AggregateInstitutionRecord(Repository<Institution> institutionRepository) {
        this.institutions = institutionRepository;
    }

    @Override
    public Optional<LocalDate> filedOn(InstitutionId institution) {
        try {
            return Optional.ofNullable(institutions.load(institution.value()).invoke(Institution::filedOn));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Facts of(InstitutionId institution) {
        // an unknown institution is answered as before the split: Axon's AggregateNotFoundException (404 NOT_FOUND)
        return institutions.load(institution.value()).invoke(Institution::facts);
    }
}
