package org.careledger.command.filing;

import java.time.LocalDate;
import java.util.Map;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.FilingStatus;
import org.careledger.kernel.value.InstitutionType;

/**
 * The one way the enrolment and staff aggregates read their institution (ADR 0023): the facts their
 * rules need, read inside the calling command's unit of work. A fact a later rule needs (e.g. a
 * functional zone for the prepayment cap) is one more field of {@link Facts}.
 */
public interface InstitutionFacts {

    /** The institution's facts as recorded now; Axon's AggregateNotFoundException for an unknown institution. */
    Facts of(InstitutionId institution);

    /**
     * The facts of an institution the caller acts for as the institution itself: its own operator,
     * or an administrator (ADR 0007); anyone else is refused before the facts are used.
     */
    default Facts forInstitutionItself(InstitutionId institution, Caller caller) {
        Facts facts = of(institution);
        FilingAuthorization.institutionItself(caller, facts.id(), facts.division());
        return facts;
    }

    /**
     * @param filedOn the day (China Standard Time) the filing was first approved, or null
     * @param classes the institution's classes by class id, closed ones included
     * @param zone    the configured local zone the filing names (docs/domain.md, rule F7), or null
     */
    record Facts(InstitutionId id, DivisionCode division, InstitutionType type, FilingStatus status, LocalDate filedOn,
                 Map<String, ClassFacts> classes, String zone) {

        public Facts {
            classes = Map.copyOf(classes);
        }

        /** Where the institution is filed: its division and zone, as local policies are matched. */
        public org.careledger.kernel.value.FilingArea area() {
            return new org.careledger.kernel.value.FilingArea(division, zone);
        }

        /** The class if it exists and is open; refused with CLASS_NOT_FOUND or CLASS_CLOSED otherwise. */
        public ClassFacts openClass(ClassId classId) {
            ClassFacts c = classes.get(classId.value());
            if (c == null) {
                throw new DomainException(ErrorCode.CLASS_NOT_FOUND, "No class " + classId + " in this institution");
            }
            if (!c.open()) {
                throw new DomainException(ErrorCode.CLASS_CLOSED, "Class " + classId + " is closed");
            }
            return c;
        }

        /** Whether the institution still operates (neither revoked nor deregistered). */
        public boolean operating() {
            return status != FilingStatus.REVOKED && status != FilingStatus.DEREGISTERED;
        }
    }

    /** A class as far as enrolment and staff rules need it. */
    record ClassFacts(ClassType classType, int places, boolean open) {
    }
}
