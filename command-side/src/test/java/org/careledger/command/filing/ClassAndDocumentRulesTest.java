package org.careledger.command.filing;

import static org.careledger.command.filing.FilingFixtures.*;

import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.filing.ClassClosed;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.ClassResized;
import org.careledger.kernel.filing.FilingRevoked;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.value.ClassSpec;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.FilingDocument;
import org.careledger.kernel.value.FilingDocumentType;
import org.careledger.kernel.value.InstitutionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassAndDocumentRulesTest {

    private static final ClassId NEW_CLASS = new ClassId("0b5e4b8e-1d0a-4c55-8a8e-6b4b0d3f9c09");
    private AggregateTestFixture<Institution> fixture;

    @BeforeEach
    void setUp() {
        fixture = FilingFixtures.institutionFixture();
        InMemoryInstitutionDirectory directory = FilingFixtures.directory(fixture); // before the repository is built
        fixture.registerAnnotatedCommandHandler(
                new FileInstitutionHandler(fixture.getRepository(), directory, CLOCK, FilingFixtures.ZONES));
    }

    // --- class sizes, national standard (乳儿班 ≤ 10, 托小班 ≤ 15, 托大班 ≤ 20, 混合班 ≤ 18)

    @ParameterizedTest(name = "a {0} may have {1} places but not {2}")
    @CsvSource({"INFANT,10,11", "YOUNG_TODDLER,15,16", "OLDER_TODDLER,20,21", "MIXED,18,19"})
    void eachClassTypeIsLimitedToItsNationalStandardSize(ClassType type, int largest, int tooMany) {
        fixture.given(submitted(), approved())
                .when(new OpenClass(ID, NEW_CLASS, "新班", type, largest), as(OPERATOR))
                .expectEvents(new ClassOpened(ID, NEW_CLASS, "新班", type, largest, NOW));
        fixture.given(submitted(), approved())
                .when(new OpenClass(ID, NEW_CLASS, "新班", type, tooMany), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_CAPACITY_EXCEEDS_STANDARD));
    }

    @Test
    void aFilingWithAnOversizedClassIsRefusedAndWritesNothing() {
        var command = fileCommand(InstitutionType.CHILDCARE_CENTRE,
                List.of(new ClassSpec(INFANTS, "乳儿班", ClassType.INFANT, 12)), allDocuments(true), true, CREDIT_CODE);
        fixture.givenNoPriorActivity().when(command, as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_CAPACITY_EXCEEDS_STANDARD));
    }

    @Test
    void resizingAClassBeyondTheStandardIsRefused() {
        fixture.given(submitted(), infantClassOpened())
                .when(new ResizeClass(ID, INFANTS, 11), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_CAPACITY_EXCEEDS_STANDARD));
    }

    @Test
    void aClassIsResizedWithinTheStandard() {
        fixture.given(submitted(), infantClassOpened())
                .when(new ResizeClass(ID, INFANTS, 8), as(OPERATOR))
                .expectEvents(new ClassResized(ID, INFANTS, 8, 10, NOW));
    }

    @Test
    void aClassNeedsAtLeastOnePlace() {
        fixture.given(submitted())
                .when(new OpenClass(ID, NEW_CLASS, "空班", ClassType.INFANT, 0), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.INVALID_INPUT));
    }

    // --- family care points (2023 rules: at most 5 children)

    @Test
    void aFamilyCarePointFilingWithMoreThanFivePlacesIsRefused() {
        var command = fileCommand(InstitutionType.FAMILY_CARE_POINT,
                List.of(new ClassSpec(INFANTS, "小班", ClassType.MIXED, 6)), allDocuments(false), false, CREDIT_CODE);
        fixture.givenNoPriorActivity().when(command, as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FAMILY_CARE_POINT_CAPACITY_EXCEEDED));
    }

    @Test
    void aFamilyCarePointCannotExceedFiveChildrenAcrossClasses() {
        fixture.given(submittedFamilyCarePoint(), new ClassOpened(ID, INFANTS, "小班", ClassType.INFANT, 3, NOW))
                .when(new OpenClass(ID, NEW_CLASS, "大班", ClassType.OLDER_TODDLER, 3), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FAMILY_CARE_POINT_CAPACITY_EXCEEDED));
        fixture.given(submittedFamilyCarePoint(), new ClassOpened(ID, INFANTS, "小班", ClassType.INFANT, 3, NOW))
                .when(new OpenClass(ID, NEW_CLASS, "大班", ClassType.OLDER_TODDLER, 2), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
        fixture.given(submittedFamilyCarePoint(), new ClassOpened(ID, INFANTS, "小班", ClassType.INFANT, 3, NOW))
                .when(new ResizeClass(ID, INFANTS, 6), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FAMILY_CARE_POINT_CAPACITY_EXCEEDED));
    }

    @Test
    void aClosedClassFreesAFamilyCarePointsPlaces() {
        fixture.given(submittedFamilyCarePoint(), new ClassOpened(ID, INFANTS, "小班", ClassType.INFANT, 5, NOW),
                        new ClassClosed(ID, INFANTS, "合并", NOW))
                .when(new OpenClass(ID, NEW_CLASS, "新班", ClassType.MIXED, 5), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
    }

    // --- class identity and state

    @Test
    void unknownDuplicateAndClosedClassesAreRefused() {
        fixture.given(submitted()).when(new ResizeClass(ID, NEW_CLASS, 5), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_NOT_FOUND));
        fixture.given(submitted(), infantClassOpened())
                .when(new OpenClass(ID, INFANTS, "again", ClassType.INFANT, 5), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_ALREADY_EXISTS));
        fixture.given(submitted(), infantClassOpened(), new ClassClosed(ID, INFANTS, null, NOW))
                .when(new CloseClass(ID, INFANTS, null), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_CLOSED));
    }

    @Test
    void classesOfARevokedFilingCannotChange() {
        fixture.given(submitted(), approved(), infantClassOpened(), new FilingRevoked(ID, "x", NOW))
                .when(new ResizeClass(ID, INFANTS, 5), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.ILLEGAL_FILING_TRANSITION));
    }

    @Test
    void onlyTheInstitutionChangesItsClasses() {
        fixture.given(submitted(), infantClassOpened())
                .when(new ResizeClass(ID, INFANTS, 5), as(INSPECTOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FORBIDDEN_ROLE));
        fixture.given(submitted(), infantClassOpened())
                .when(new ResizeClass(ID, INFANTS, 5), as(OTHER_OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.NOT_IN_JURISDICTION));
    }

    // --- filing documents (《托育机构登记和备案办法（试行）》)

    @Test
    void aFilingWithoutItsFireSafetyProofIsRefused() {
        var command = fileCommand(InstitutionType.CHILDCARE_CENTRE, List.of(),
                documentsWithout(FilingDocumentType.FIRE_SAFETY_PROOF), true, CREDIT_CODE);
        fixture.givenNoPriorActivity().when(command, as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FILING_DOCUMENTS_MISSING));
    }

    @Test
    void aFoodLicenceIsRequiredOnlyWhereMealsAreServed() {
        var withMeals = fileCommand(InstitutionType.CHILDCARE_CENTRE, List.of(),
                documentsWithout(FilingDocumentType.FOOD_LICENCE), true, CREDIT_CODE);
        fixture.givenNoPriorActivity().when(withMeals, as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FILING_DOCUMENTS_MISSING));
        setUp(); // a fresh credit-code registry: the same code is filed again
        var withoutMeals = fileCommand(InstitutionType.CHILDCARE_CENTRE, List.of(),
                documentsWithout(FilingDocumentType.FOOD_LICENCE), false, CREDIT_CODE);
        fixture.givenNoPriorActivity().when(withoutMeals, as(OPERATOR)).expectSuccessfulHandlerExecution();
    }

    @Test
    void aHealthEvaluationReportNotRatedQualifiedIsRefused() {
        List<FilingDocument> docs = allDocuments(true).stream()
                .map(d -> d.type() == FilingDocumentType.HEALTH_EVALUATION_REPORT
                        ? new FilingDocument(d.type(), d.reference(), null, Boolean.FALSE) : d)
                .toList();
        var command = fileCommand(InstitutionType.CHILDCARE_CENTRE, List.of(), docs, true, CREDIT_CODE);
        fixture.givenNoPriorActivity().when(command, as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.HEALTH_EVALUATION_NOT_QUALIFIED));
    }

    @Test
    void aSecondInstitutionWithTheSameCreditCodeIsRefused() {
        InMemoryInstitutionDirectory registry = new InMemoryInstitutionDirectory();
        registry.claim(CREDIT_CODE, org.careledger.kernel.id.UuidId.generate(org.careledger.kernel.id.InstitutionId::new), WENSHANG);
        AggregateTestFixture<Institution> f = new AggregateTestFixture<>(Institution.class);
        f.registerAnnotatedCommandHandler(new FileInstitutionHandler(f.getRepository(), registry, CLOCK, FilingFixtures.ZONES));
        f.givenNoPriorActivity().when(fileCommand(), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CREDIT_CODE_ALREADY_REGISTERED));
    }
}
