package org.careledger.command.enrolment;

import org.axonframework.modelling.command.Repository;
import org.careledger.command.legacy.LegacyInstitutionStreams;
import org.careledger.kernel.enrolment.ChildEnrolled;
import org.careledger.kernel.enrolment.ChildTransferred;
import org.careledger.kernel.enrolment.DoubleEnrolmentAttempted;
import org.careledger.kernel.enrolment.EnrolmentEnded;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The enrolment aggregate's repository: its own stream, after its events in the institution's stream if it is older than the split. */
@Configuration(proxyBeanMethods = false)
public class EnrolmentConfiguration {

    public static final String REPOSITORY = "enrolmentRepository";

    @Bean(REPOSITORY)
    Repository<Enrolment> enrolmentRepository(LegacyInstitutionStreams streams, EnrolmentRegistry registry) {
        return streams.repository(Enrolment.class,
                id -> registry.institutionOf(new EnrolmentId(id)).map(InstitutionId::value),
                EnrolmentConfiguration::names);
    }

    /** Whether an event of an institution's stream is one of the enrolment's. */
    static boolean names(Object payload, String enrolmentId) {
        EnrolmentId named = null;
        if (payload instanceof ChildEnrolled e) {
            named = e.enrolmentId();
        } else if (payload instanceof ChildTransferred e) {
            named = e.enrolmentId();
        } else if (payload instanceof EnrolmentEnded e) {
            named = e.enrolmentId();
        } else if (payload instanceof DoubleEnrolmentAttempted e) {
            named = e.attemptedEnrolmentId();
        }
        return named != null && named.value().equals(enrolmentId);
    }
}
