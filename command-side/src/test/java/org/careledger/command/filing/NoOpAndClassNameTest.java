package org.careledger.command.filing;

import static org.careledger.command.filing.FilingFixtures.*;

import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.filing.ClassClosed;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.FilingAmended;
import org.careledger.kernel.filing.FilingRejected;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.value.ClassSpec;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.InstitutionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 12 §2: a command that changes nothing appends nothing; open classes have distinct names. */
class NoOpAndClassNameTest {

    private static final ClassId NEW_CLASS = new ClassId("0b5e4b8e-1d0a-4c55-8a8e-6b4b0d3f9c19");
    private AggregateTestFixture<Institution> fixture;

    @BeforeEach
    void setUp() {
        fixture = FilingFixtures.institutionFixture();
        InMemoryInstitutionDirectory directory = FilingFixtures.directory(fixture); // before the repository is built
        fixture.registerAnnotatedCommandHandler(
                new FileInstitutionHandler(fixture.getRepository(), directory, CLOCK, FilingFixtures.ZONES));
    }

    @Test
    void resizingAClassToItsCurrentSizeAppendsNothing() {
        fixture.given(submitted(), infantClassOpened())
                .when(new ResizeClass(ID, INFANTS, 10), as(OPERATOR))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anAmendmentThatRepeatsTheFiledParticularsAppendsNothing() {
        fixture.given(submitted(), approved())
                .when(amendmentRepeating(fileCommand()), as(OPERATOR))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        var changed = amendmentRepeating(fileCommand());
        var amended = new FilingAmended(ID, changed.name(), changed.address(), changed.location(),
                "0537-7219999", changed.mealsServed(), changed.serviceTypes(), changed.fees(), changed.documents(),
                "电话变更", false, NOW);
        fixture.given(submitted(), approved(), amended)
                .when(new AmendFiling(ID, amended.name(), amended.address(), amended.location(), amended.contactPhone(),
                        amended.mealsServed(), amended.serviceTypes(), amended.fees(), amended.documents(), "再次"),
                        as(OPERATOR))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void repeatingTheParticularsOfARejectedFilingStillResubmitsIt() {
        var same = amendmentRepeating(fileCommand());
        fixture.given(submitted(), new FilingRejected(ID, List.of("x"), NOW))
                .when(same, as(OPERATOR))
                .expectEvents(new FilingAmended(ID, same.name(), same.address(), same.location(), same.contactPhone(),
                        same.mealsServed(), same.serviceTypes(), same.fees(), same.documents(), same.reason(), true, NOW));
    }

    private static AmendFiling amendmentRepeating(FileInstitution c) {
        return new AmendFiling(ID, c.name(), c.address(), c.location(), c.contactPhone(), c.mealsServed(),
                c.serviceTypes(), c.fees(), c.documents(), "无变更");
    }

    @Test
    void anOpenClassNameCannotBeTakenTwice() {
        fixture.given(submitted(), infantClassOpened())
                .when(new OpenClass(ID, NEW_CLASS, "乳儿班", ClassType.INFANT, 5), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_NAME_TAKEN));
        fixture.given(submitted(), new ClassOpened(ID, INFANTS, "Sunshine", ClassType.INFANT, 10, NOW))
                .when(new OpenClass(ID, NEW_CLASS, "  SUNSHINE ", ClassType.INFANT, 5), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_NAME_TAKEN));
    }

    @Test
    void theNameOfAClosedClassIsFreeAgain() {
        fixture.given(submitted(), infantClassOpened(), new ClassClosed(ID, INFANTS, "合并", NOW))
                .when(new OpenClass(ID, NEW_CLASS, "乳儿班", ClassType.INFANT, 5), as(OPERATOR))
                .expectEvents(new ClassOpened(ID, NEW_CLASS, "乳儿班", ClassType.INFANT, 5, NOW));
    }

    @Test
    void aFilingWithTwoClassesOfTheSameNameIsRefused() {
        var command = fileCommand(InstitutionType.CHILDCARE_CENTRE,
                List.of(new ClassSpec(INFANTS, "乳儿班", ClassType.INFANT, 8),
                        new ClassSpec(TODDLERS, "乳儿班", ClassType.YOUNG_TODDLER, 10)), allDocuments(true), true, CREDIT_CODE);
        fixture.givenNoPriorActivity().when(command, as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_NAME_TAKEN));
    }
}
