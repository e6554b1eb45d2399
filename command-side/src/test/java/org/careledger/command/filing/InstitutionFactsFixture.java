package org.careledger.command.filing;

import java.util.List;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * An institution's facts as its own aggregate folds them from the given events, for the tests of
 * the aggregates that read them through {@link InstitutionFacts} (enrolment, staff).
 */
public final class InstitutionFactsFixture {

    private static final AggregateModel<Institution> MODEL =
            AnnotatedAggregateMetaModelFactory.inspectAggregate(Institution.class);

    private InstitutionFactsFixture() {
    }

    /** The facts after the events (institution events only), or null when there are none. */
    public static InstitutionFacts.Facts fold(List<?> events) {
        if (events.isEmpty()) {
            return null;
        }
        Institution institution = new Institution();
        for (Object event : events) {
            MODEL.publish(GenericEventMessage.asEventMessage(event), institution);
        }
        return institution.facts();
    }
}
