package org.careledger.command.filing;

import java.time.LocalDate;
import java.util.Optional;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.careledger.kernel.id.InstitutionId;
import org.springframework.stereotype.Component;

/** Reads the approval day from the institution's own event-sourced record, inside the calling command's unit of work. */
@Component
class AggregateFilingDirectory implements FilingDirectory {

    private final Repository<Institution> institutions;

    AggregateFilingDirectory(Repository<Institution> institutionRepository) {
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
}
