package org.careledger.kernel.security;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.Jurisdiction;

/**
 * Who is asking: an actor id, a role, and what the role is bound to (an institution for
 * operators, a jurisdiction for inspectors and officers). Built from the bearer token at the edge
 * and carried in command metadata, so aggregates can check jurisdiction against their own state.
 */
public record Caller(String actorId, Role role, InstitutionId institutionId, Jurisdiction jurisdiction) {

    public Caller {
        if (actorId == null || actorId.isBlank()) {
            throw new IllegalArgumentException("actorId is required");
        }
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
        if (role == Role.OPERATOR && institutionId == null) {
            throw new IllegalArgumentException("an operator is bound to an institution");
        }
        if ((role == Role.INSPECTOR || role == Role.SUBSIDY_OFFICER) && jurisdiction == null) {
            throw new IllegalArgumentException("an inspector or officer is bound to a jurisdiction");
        }
    }

    public static Caller system(String process) {
        return new Caller("system:" + process, Role.SYSTEM, null, null);
    }

    public boolean hasRole(Role... roles) {
        return Arrays.asList(roles).contains(role);
    }

    /** Refuses with FORBIDDEN_ROLE unless the caller has one of the roles (SYSTEM always passes). */
    public Caller requireRole(Role... roles) {
        if (role != Role.SYSTEM && !hasRole(roles)) {
            throw new DomainException(ErrorCode.FORBIDDEN_ROLE,
                    "Role " + role + " may not do this; allowed: " + Arrays.toString(roles));
        }
        return this;
    }

    /** Whether the caller may see or act on the institution with this id in this division. */
    public boolean mayAccess(InstitutionId institution, DivisionCode division) {
        return switch (role) {
            case ADMIN, SYSTEM -> true;
            case OPERATOR -> institutionId.equals(institution);
            case INSPECTOR, SUBSIDY_OFFICER -> jurisdiction.covers(division);
        };
    }

    /** Whether the caller may see data of a whole division (operators may not). */
    public boolean mayAccessDivision(DivisionCode division) {
        return switch (role) {
            case ADMIN, SYSTEM -> true;
            case OPERATOR -> false;
            case INSPECTOR, SUBSIDY_OFFICER -> jurisdiction.covers(division);
        };
    }

    public void requireAccess(InstitutionId institution, DivisionCode division) {
        if (!mayAccess(institution, division)) {
            throw new DomainException(ErrorCode.NOT_IN_JURISDICTION,
                    "Institution " + institution + " is outside the caller's jurisdiction");
        }
    }

    /** The metadata entries that identify this caller on every command and event. */
    public Map<String, Object> toMetaData() {
        Map<String, Object> m = new HashMap<>();
        m.put(EventMetadata.ACTOR_ID, actorId);
        m.put(EventMetadata.ACTOR_ROLE, role.name());
        if (institutionId != null) {
            m.put(EventMetadata.ACTOR_INSTITUTION_ID, institutionId.value());
        }
        if (jurisdiction != null) {
            m.put(EventMetadata.ACTOR_JURISDICTION, jurisdiction.prefix());
        }
        return m;
    }

    /** Reads a caller back from command metadata; refuses with UNAUTHENTICATED if there is none. */
    public static Caller fromMetaData(Map<String, ?> metaData) {
        Object actor = metaData.get(EventMetadata.ACTOR_ID);
        Object role = metaData.get(EventMetadata.ACTOR_ROLE);
        if (actor == null || role == null) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED, "The command carries no caller");
        }
        Object inst = metaData.get(EventMetadata.ACTOR_INSTITUTION_ID);
        Object jur = metaData.get(EventMetadata.ACTOR_JURISDICTION);
        return new Caller(actor.toString(), Role.valueOf(role.toString()),
                inst == null ? null : new InstitutionId(inst.toString()),
                jur == null ? null : Jurisdiction.of(jur.toString()));
    }
}
