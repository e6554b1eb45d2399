package org.careledger.kernel.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.Jurisdiction;
import org.junit.jupiter.api.Test;

class CallerTest {

    private final InstitutionId mine = UuidId.generate(InstitutionId::new);
    private final DivisionCode wenshang = DivisionCode.parse("370830");

    @Test
    void anOperatorReachesOnlyItsOwnInstitution() {
        Caller operator = new Caller("op", Role.OPERATOR, mine, null);
        assertThat(operator.mayAccess(mine, wenshang)).isTrue();
        assertThat(operator.mayAccess(UuidId.generate(InstitutionId::new), wenshang)).isFalse();
        assertThat(operator.mayAccessDivision(wenshang)).isFalse();
    }

    @Test
    void anInspectorReachesOnlyItsJurisdiction() {
        Caller inspector = new Caller("insp", Role.INSPECTOR, null, Jurisdiction.of("3708"));
        assertThat(inspector.mayAccess(mine, wenshang)).isTrue();
        assertThatThrownBy(() -> inspector.requireAccess(mine, DivisionCode.parse("330108")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_IN_JURISDICTION));
    }

    @Test
    void roleChecksRefuseOtherRoles() {
        Caller officer = new Caller("o", Role.SUBSIDY_OFFICER, null, Jurisdiction.of("37"));
        assertThatThrownBy(() -> officer.requireRole(Role.INSPECTOR, Role.ADMIN))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN_ROLE));
    }

    @Test
    void aCallerSurvivesTheTripThroughMetadata() {
        Caller inspector = new Caller("insp", Role.INSPECTOR, null, Jurisdiction.of("3708"));
        assertThat(Caller.fromMetaData(inspector.toMetaData())).isEqualTo(inspector);
        Caller operator = new Caller("op", Role.OPERATOR, mine, null);
        assertThat(Caller.fromMetaData(operator.toMetaData())).isEqualTo(operator);
    }
}
