package org.careledger.command.enrolment;

import java.time.LocalDate;
import java.time.YearMonth;

import org.careledger.kernel.child.HealthOutcome;
import org.careledger.kernel.id.ChildRef;

/** What the enrolment rules need to know about a child, from the child's own record. */
public interface ChildDirectory {

    /** The child's facts; throws CHILD_NOT_FOUND if there is no such child. */
    ChildFacts facts(ChildRef child);

    /**
     * @param birthMonth       month of birth (age bands are computed from it)
     * @param erased           whether the personal data was erased (such a child cannot be enrolled)
     * @param entryCheckOn     date of the latest entry health check (入托体检), or null
     * @param entryCheckResult its outcome, or null
     * @param returnCheckOn    date of the latest re-check after an absence, or null
     * @param birthDate        the birth date from the child's protected record (ages to the day), or null
     *                         when it cannot be read (erased)
     * @param personKey        who the child is across institutions (keyed hash of the citizen ID), or null
     */
    record ChildFacts(YearMonth birthMonth, boolean erased, LocalDate entryCheckOn, HealthOutcome entryCheckResult,
                      LocalDate returnCheckOn, LocalDate birthDate, String personKey) {

        public ChildFacts(YearMonth birthMonth, boolean erased, LocalDate entryCheckOn, HealthOutcome entryCheckResult,
                          LocalDate returnCheckOn) {
            this(birthMonth, erased, entryCheckOn, entryCheckResult, returnCheckOn, null, null);
        }

        public ChildFacts(YearMonth birthMonth, boolean erased, LocalDate entryCheckOn, HealthOutcome entryCheckResult) {
            this(birthMonth, erased, entryCheckOn, entryCheckResult, null, null, null);
        }

        /** The same facts with the birth date known. */
        public ChildFacts withBirthDate(LocalDate date) {
            return new ChildFacts(birthMonth, erased, entryCheckOn, entryCheckResult, returnCheckOn, date, personKey);
        }

        /** The same facts with the person key known. */
        public ChildFacts withPersonKey(String key) {
            return new ChildFacts(birthMonth, erased, entryCheckOn, entryCheckResult, returnCheckOn, birthDate, key);
        }

        /** The child's age, to the day when the birth date is known. */
        public org.careledger.kernel.child.ChildAge age() {
            return org.careledger.kernel.child.ChildAge.of(birthDate, birthMonth);
        }
    }
}
