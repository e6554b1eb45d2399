package org.careledger.command.filing;

import static org.careledger.command.filing.FilingFixtures.*;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.FilingAmended;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingRejected;
import org.careledger.kernel.filing.FilingReinstated;
import org.careledger.kernel.filing.FilingRevoked;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.kernel.filing.InstitutionDeregistered;
import org.careledger.kernel.filing.PuhuiStatusGranted;
import org.careledger.kernel.filing.PuhuiStatusWithdrawn;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.value.InstitutionType;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FilingLifecycleTest {

    private AggregateTestFixture<Institution> fixture;

    @BeforeEach
    void setUp() {
        fixture = FilingFixtures.institutionFixture();
        InMemoryInstitutionDirectory directory = FilingFixtures.directory(fixture); // before the repository is built
        fixture.registerAnnotatedCommandHandler(
                new FileInstitutionHandler(fixture.getRepository(), directory, CLOCK, FilingFixtures.ZONES));
    }

    private ResultValidator<Institution> expectRefusal(ResultValidator<Institution> result, ErrorCode code) {
        return result.expectNoEvents().expectException(RefusedWith.code(code));
    }

    // --- registering and submitting

    @Test
    void anOperatorFilesItsOwnInstitutionAndItsClassesOpen() {
        fixture.givenNoPriorActivity()
                .when(fileCommand(), as(OPERATOR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(submitted(), infantClassOpened(),
                        new ClassOpened(ID, TODDLERS, "托小班", org.careledger.kernel.value.ClassType.YOUNG_TODDLER, 15, NOW));
    }

    @Test
    void everyEventCarriesTheInstitutionAndItsJurisdictionInItsMetadata() {
        fixture.givenNoPriorActivity()
                .when(fileCommand(), as(OPERATOR))
                .expectEventsMatching(new BaseMatcher<List<? super EventMessage<?>>>() {
                    @Override
                    public boolean matches(Object actual) {
                        List<?> events = (List<?>) actual;
                        return !events.isEmpty() && events.stream().map(e -> (EventMessage<?>) e).allMatch(e ->
                                ID.value().equals(e.getMetaData().get("institutionId"))
                                        && WENSHANG.value().equals(e.getMetaData().get("jurisdiction")));
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("events with institutionId and jurisdiction metadata");
                    }
                });
    }

    @Test
    void anOperatorCannotFileAnotherInstitution() {
        expectRefusal(fixture.givenNoPriorActivity().when(fileCommand(), as(OTHER_OPERATOR)), ErrorCode.NOT_IN_JURISDICTION);
    }

    @Test
    void anInspectorDoesNotFileInstitutions() {
        expectRefusal(fixture.givenNoPriorActivity().when(fileCommand(), as(INSPECTOR)), ErrorCode.FORBIDDEN_ROLE);
    }

    @Test
    void aCreditCodeThatFailsTheChecksumIsAcceptedAndMarkedForLicenceVerification() {
        var command = fileCommand(InstitutionType.CHILDCARE_CENTRE, List.of(), allDocuments(true), true, PILOT_CODE);
        fixture.givenNoPriorActivity()
                .when(command, as(OPERATOR))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                new BaseMatcher<Object>() {
                                    @Override
                                    public boolean matches(Object actual) {
                                        return actual instanceof FilingSubmitted s && !s.creditCodeChecksumValid()
                                                && s.creditCode().equals(PILOT_CODE);
                                    }

                                    @Override
                                    public void describeTo(Description d) {
                                        d.appendText("FilingSubmitted flagged for licence verification");
                                    }
                                }),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    // --- approval and rejection

    @Test
    void anInspectorOfTheJurisdictionApprovesAVerifiedFilingAndIssuesANumberAndACertificate() {
        var cert = new org.careledger.kernel.licence.FilingCertificate(
                org.careledger.kernel.licence.FilingCertificate.number("11370830MB0000000X", 2026, 1),
                "TY3708302026000001", "汶上县第二人民医院托育中心", CREDIT_CODE.value(), "370830", "11370830MB0000000X", NOW);
        fixture.given(submitted(), licenceVerified())
                .when(new ApproveFiling(ID), as(INSPECTOR))
                .expectEvents(new FilingApproved(ID, FilingNumber.parse("TY3708302026000001"), WENSHANG, NOW),
                        new org.careledger.kernel.licence.FilingCertificateIssued(ID, cert.certificateNumber(),
                                cert.filingNumber(), cert.institutionName(), cert.creditCode(), cert.division(),
                                cert.issuerCreditCode(), NOW, "test-key", SIGNER.sign(cert.canonicalBytes()), NOW));
    }

    @Test
    void anInspectorOfAnotherJurisdictionCannotApprove() {
        expectRefusal(fixture.given(submitted()).when(new ApproveFiling(ID), as(FOREIGN_INSPECTOR)),
                ErrorCode.NOT_IN_JURISDICTION);
    }

    @Test
    void anOperatorCannotApproveItsOwnFiling() {
        expectRefusal(fixture.given(submitted()).when(new ApproveFiling(ID), as(OPERATOR)), ErrorCode.FORBIDDEN_ROLE);
    }

    @Test
    void aRevokedFilingCannotBeApproved() {
        expectRefusal(fixture.given(submitted(), approved(), new FilingRevoked(ID, "fire safety", NOW))
                .when(new ApproveFiling(ID), as(INSPECTOR)), ErrorCode.ILLEGAL_FILING_TRANSITION);
    }

    @Test
    void aFiledInstitutionIsNotApprovedTwice() {
        expectRefusal(fixture.given(submitted(), approved()).when(new ApproveFiling(ID), as(INSPECTOR)),
                ErrorCode.ILLEGAL_FILING_TRANSITION);
    }

    @Test
    void aNonCompliantFilingIsRejectedWithReasons() {
        fixture.given(submitted())
                .when(new RejectFiling(ID, List.of("消防验收材料缺失")), as(INSPECTOR))
                .expectEvents(new FilingRejected(ID, List.of("消防验收材料缺失"), NOW));
    }

    @Test
    void aRejectionWithoutReasonsIsRefused() {
        expectRefusal(fixture.given(submitted()).when(new RejectFiling(ID, List.of()), as(INSPECTOR)), ErrorCode.INVALID_INPUT);
    }

    // --- amendment

    private AmendFiling amendment() {
        var c = fileCommand();
        return new AmendFiling(ID, "汶上县二院托育中心", c.address(), c.location(), c.contactPhone(), c.mealsServed(),
                c.serviceTypes(), c.fees(), c.documents(), "更名");
    }

    @Test
    void amendingARejectedFilingResubmitsIt() {
        var a = amendment();
        fixture.given(submitted(), new FilingRejected(ID, List.of("x"), NOW))
                .when(a, as(OPERATOR))
                .expectEvents(new FilingAmended(ID, a.name(), a.address(), a.location(), a.contactPhone(), a.mealsServed(),
                        a.serviceTypes(), a.fees(), a.documents(), a.reason(), true, NOW));
    }

    @Test
    void aResubmittedFilingCanBeApproved() {
        var a = amendment();
        fixture.given(submitted(), new FilingRejected(ID, List.of("x"), NOW),
                        new FilingAmended(ID, a.name(), a.address(), a.location(), a.contactPhone(), a.mealsServed(),
                                a.serviceTypes(), a.fees(), a.documents(), a.reason(), true, NOW), licenceVerified())
                .when(new ApproveFiling(ID), as(INSPECTOR))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void amendingAFiledInstitutionKeepsItFiled() {
        var a = amendment();
        fixture.given(submitted(), approved())
                .when(a, as(OPERATOR))
                .expectEvents(new FilingAmended(ID, a.name(), a.address(), a.location(), a.contactPhone(), a.mealsServed(),
                        a.serviceTypes(), a.fees(), a.documents(), a.reason(), false, NOW));
    }

    @Test
    void aDeregisteredInstitutionCannotBeAmended() {
        expectRefusal(fixture.given(submitted(), approved(), new InstitutionDeregistered(ID, "closed", NOW))
                .when(amendment(), as(OPERATOR)), ErrorCode.ILLEGAL_FILING_TRANSITION);
    }

    @Test
    void anotherInstitutionsOperatorCannotAmend() {
        expectRefusal(fixture.given(submitted()).when(amendment(), as(OTHER_OPERATOR)), ErrorCode.NOT_IN_JURISDICTION);
    }

    // --- suspension, reinstatement, revocation, deregistration

    @Test
    void aFiledInstitutionIsSuspendedAndReinstated() {
        fixture.given(submitted(), approved())
                .when(new SuspendFiling(ID, "整改期间暂停"), as(INSPECTOR))
                .expectEvents(new FilingSuspended(ID, "整改期间暂停", NOW));
        fixture.given(submitted(), approved(), new FilingSuspended(ID, "x", NOW))
                .when(new ReinstateFiling(ID, "整改完成"), as(INSPECTOR))
                .expectEvents(new FilingReinstated(ID, "整改完成", NOW));
    }

    @Test
    void aSubmittedFilingCannotBeSuspended() {
        expectRefusal(fixture.given(submitted()).when(new SuspendFiling(ID, "x"), as(INSPECTOR)),
                ErrorCode.ILLEGAL_FILING_TRANSITION);
    }

    @Test
    void onlyASuspendedFilingIsReinstated() {
        expectRefusal(fixture.given(submitted(), approved()).when(new ReinstateFiling(ID, "x"), as(INSPECTOR)),
                ErrorCode.ILLEGAL_FILING_TRANSITION);
    }

    @Test
    void aSuspendedFilingCanBeRevoked() {
        fixture.given(submitted(), approved(), new FilingSuspended(ID, "x", NOW))
                .when(new RevokeFiling(ID, "重大安全隐患"), as(INSPECTOR))
                .expectEvents(new FilingRevoked(ID, "重大安全隐患", NOW));
    }

    @Test
    void aRevocationNeedsAReason() {
        expectRefusal(fixture.given(submitted(), approved()).when(new RevokeFiling(ID, " "), as(INSPECTOR)),
                ErrorCode.INVALID_INPUT);
    }

    @Test
    void anOperatorCannotSuspendOrRevoke() {
        expectRefusal(fixture.given(submitted(), approved()).when(new SuspendFiling(ID, "x"), as(OPERATOR)),
                ErrorCode.FORBIDDEN_ROLE);
        expectRefusal(fixture.given(submitted(), approved()).when(new RevokeFiling(ID, "x"), as(OPERATOR)),
                ErrorCode.FORBIDDEN_ROLE);
    }

    @Test
    void theInstitutionItselfMayDeregister() {
        fixture.given(submitted(), approved())
                .when(new DeregisterInstitution(ID, "停止经营"), as(OPERATOR))
                .expectEvents(new InstitutionDeregistered(ID, "停止经营", NOW));
    }

    @Test
    void aRevokedFilingCannotBeDeregisteredOrRevokedAgain() {
        expectRefusal(fixture.given(submitted(), approved(), new FilingRevoked(ID, "x", NOW))
                .when(new DeregisterInstitution(ID, "x"), as(OPERATOR)), ErrorCode.ILLEGAL_FILING_TRANSITION);
        expectRefusal(fixture.given(submitted(), approved(), new FilingRevoked(ID, "x", NOW))
                .when(new RevokeFiling(ID, "x"), as(INSPECTOR)), ErrorCode.ILLEGAL_FILING_TRANSITION);
    }

    @Test
    void anAdministratorMayDoWhatAnInspectorMay() {
        fixture.given(submitted(), licenceVerified()).when(new ApproveFiling(ID), as(ADMIN)).expectSuccessfulHandlerExecution();
    }

    // --- 普惠 status

    @Test
    void aSubsidyOfficerOfTheJurisdictionGrantsPuhuiToAFiledInstitution() {
        fixture.given(submitted(), approved())
                .when(new GrantPuhuiStatus(ID, LocalDate.of(2026, 4, 1), "济卫发〔2026〕1号"), as(OFFICER))
                .expectEvents(new PuhuiStatusGranted(ID, LocalDate.of(2026, 4, 1), "济卫发〔2026〕1号", NOW));
    }

    @Test
    void puhuiIsGrantedOnlyToFiledInstitutions() {
        expectRefusal(fixture.given(submitted()).when(new GrantPuhuiStatus(ID, LocalDate.of(2026, 4, 1), null), as(INSPECTOR)),
                ErrorCode.ILLEGAL_FILING_TRANSITION);
    }

    @Test
    void puhuiIsNotGrantedTwiceNorWithdrawnWhenAbsent() {
        expectRefusal(fixture.given(submitted(), approved(), new PuhuiStatusGranted(ID, LocalDate.of(2026, 1, 1), null, NOW))
                .when(new GrantPuhuiStatus(ID, LocalDate.of(2026, 4, 1), null), as(INSPECTOR)), ErrorCode.PUHUI_STATUS_UNCHANGED);
        expectRefusal(fixture.given(submitted(), approved())
                .when(new WithdrawPuhuiStatus(ID, LocalDate.of(2026, 4, 1), "x"), as(INSPECTOR)), ErrorCode.PUHUI_STATUS_UNCHANGED);
    }

    @Test
    void puhuiIsWithdrawnWithAReason() {
        fixture.given(submitted(), approved(), new PuhuiStatusGranted(ID, LocalDate.of(2026, 1, 1), null, NOW))
                .when(new WithdrawPuhuiStatus(ID, LocalDate.of(2026, 7, 1), "超出价格上限"), as(OFFICER))
                .expectEvents(new PuhuiStatusWithdrawn(ID, LocalDate.of(2026, 7, 1), "超出价格上限", NOW));
    }

    @Test
    void anOperatorCannotGrantItselfPuhui() {
        expectRefusal(fixture.given(submitted(), approved())
                .when(new GrantPuhuiStatus(ID, LocalDate.of(2026, 4, 1), null), as(OPERATOR)), ErrorCode.FORBIDDEN_ROLE);
    }
}
