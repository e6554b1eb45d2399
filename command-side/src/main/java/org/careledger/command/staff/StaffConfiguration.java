package org.careledger.command.staff;

import org.axonframework.modelling.command.Repository;
import org.careledger.command.legacy.LegacyInstitutionStreams;
import org.careledger.kernel.staff.StaffCertificatesRenewed;
import org.careledger.kernel.staff.StaffMemberLeft;
import org.careledger.kernel.staff.StaffMemberRegistered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staff member aggregate's repository: its own stream, after its events in the institution's
 * stream if it was registered before the split. Which institution that is, is kept in
 * {@code legacy_staff_stream} (filled once from the stored events by its migration).
 */
@Configuration(proxyBeanMethods = false)
public class StaffConfiguration {

    public static final String REPOSITORY = "staffMemberRepository";

    @Bean(REPOSITORY)
    Repository<StaffMember> staffMemberRepository(LegacyInstitutionStreams streams, JdbcTemplate jdbc) {
        return streams.repository(StaffMember.class,
                ref -> jdbc.queryForList("SELECT institution_id FROM legacy_staff_stream WHERE staff_ref = ?",
                        String.class, ref).stream().findFirst(),
                StaffConfiguration::names);
    }

    /** Whether an event of an institution's stream is one of the staff member's. */
    static boolean names(Object payload, String staffRef) {
        String named = null;
        if (payload instanceof StaffMemberRegistered e) {
            named = e.staffRef().value();
        } else if (payload instanceof StaffCertificatesRenewed e) {
            named = e.staffRef().value();
        } else if (payload instanceof StaffMemberLeft e) {
            named = e.staffRef().value();
        }
        return staffRef.equals(named);
    }
}
