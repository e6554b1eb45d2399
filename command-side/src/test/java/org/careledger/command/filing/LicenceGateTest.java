package org.careledger.command.filing;

import static org.careledger.command.filing.FilingFixtures.*;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.careledger.command.licence.ELicenseProperties;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.command.licence.NotificationOutcome;
import org.careledger.kernel.licence.LicenceChange;
import org.careledger.kernel.licence.LicenceCheckOutcome;
import org.careledger.kernel.licence.LicenceStatusChanged;
import org.careledger.kernel.licence.LicenceVerificationFailed;
import org.careledger.kernel.licence.LicenceVerificationOverridden;
import org.careledger.kernel.licence.LicenceVerified;
import org.careledger.command.licence.OverrideLicenceVerification;
import org.careledger.command.licence.RecordLicenceCheck;
import org.careledger.command.licence.RecordLicenceStatusChange;
import org.careledger.kernel.security.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The e-license rules of the filing: verification before approval, overrides, pushed changes. */
class LicenceGateTest {

    private static final Caller SYSTEM = Caller.system("e-license");
    private AggregateTestFixture<Institution> fixture;

    @BeforeEach
    void setUp() {
        fixture = FilingFixtures.institutionFixture();
        fixture.registerInjectableResource(new ELicenseProperties(null, null, null, null, null, null, null, null,
                null, null, null));
    }

    @Test
    void aFilingWhoseLicenceIsStillBeingVerifiedCannotBeApprovedYet() {
        fixture.given(submitted()).when(new ApproveFiling(ID), as(INSPECTOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.LICENCE_VERIFICATION_PENDING));
    }

    @Test
    void aFilingWhoseLicenceFailedVerificationCannotBeApproved() {
        fixture.given(submitted(), new LicenceVerificationFailed(ID, LicenceCheckOutcome.EXPIRED, "expired 2025-12-31", NOW))
                .when(new ApproveFiling(ID), as(INSPECTOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.LICENCE_NOT_VERIFIED));
    }

    @Test
    void anInspectorOverridesAFailedVerificationWithAReasonAndMayThenApprove() {
        fixture.given(submitted(), new LicenceVerificationFailed(ID, LicenceCheckOutcome.UNKNOWN, null, NOW))
                .when(new OverrideLicenceVerification(ID, "营业执照原件已现场核验"), as(INSPECTOR))
                .expectEvents(new LicenceVerificationOverridden(ID, "营业执照原件已现场核验", NOW));
        fixture.given(submitted(), new LicenceVerificationFailed(ID, LicenceCheckOutcome.UNKNOWN, null, NOW),
                        new LicenceVerificationOverridden(ID, "现场核验", NOW))
                .when(new ApproveFiling(ID), as(INSPECTOR))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anOverrideNeedsAReasonAnInspectorOfTheJurisdictionAndAnUnverifiedLicence() {
        fixture.given(submitted()).when(new OverrideLicenceVerification(ID, " "), as(INSPECTOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.INVALID_INPUT));
        fixture.given(submitted()).when(new OverrideLicenceVerification(ID, "x"), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FORBIDDEN_ROLE));
        fixture.given(submitted()).when(new OverrideLicenceVerification(ID, "x"), as(FOREIGN_INSPECTOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.NOT_IN_JURISDICTION));
        fixture.given(submitted(), licenceVerified()).when(new OverrideLicenceVerification(ID, "x"), as(INSPECTOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.LICENCE_OVERRIDE_NOT_NEEDED));
    }

    @Test
    void thePlatformsAnswerIsRecordedOnlyByTheApplicationItself() {
        LocalDate from = LocalDate.of(2021, 5, 1);
        LocalDate until = LocalDate.of(2041, 4, 30);
        fixture.given(submitted())
                .when(new RecordLicenceCheck(ID, LicenceCheckOutcome.VALID, "L-1", from, until, null), as(SYSTEM))
                .expectEvents(new LicenceVerified(ID, "L-1", from, until, NOW));
        fixture.given(submitted())
                .when(new RecordLicenceCheck(ID, LicenceCheckOutcome.REVOKED, null, null, null, "吊销"), as(SYSTEM))
                .expectEvents(new LicenceVerificationFailed(ID, LicenceCheckOutcome.REVOKED, "吊销", NOW));
        fixture.given(submitted())
                .when(new RecordLicenceCheck(ID, LicenceCheckOutcome.VALID, "L-1", from, until, null), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FORBIDDEN_ROLE));
    }

    @Test
    void aNotificationSeenBeforeChangesNothing() {
        Instant at = Instant.parse("2026-03-01T00:00:00Z");
        LicenceStatusChanged first = new LicenceStatusChanged(ID, "jining", "n-1", LicenceChange.REVOKED, at, null, NOW);
        fixture.given(submitted(), approved(), first)
                .when(new RecordLicenceStatusChange(ID, "jining", "n-1", LicenceChange.REVOKED, at, null), as(SYSTEM))
                .expectSuccessfulHandlerExecution().expectNoEvents().expectResultMessagePayload(new NotificationOutcome(true));
        fixture.given(submitted(), approved(), first)
                .when(new RecordLicenceStatusChange(ID, "jining", "n-2", LicenceChange.EXPIRED, at, null), as(SYSTEM))
                .expectEvents(new LicenceStatusChanged(ID, "jining", "n-2", LicenceChange.EXPIRED, at, null, NOW))
                .expectResultMessagePayload(new NotificationOutcome(false));
    }

    @Test
    void aRevocationSuspendsAFiledFilingInTheSameCommand() {
        Instant at = Instant.parse("2026-03-01T00:00:00Z");
        fixture.given(submitted(), approved())
                .when(new RecordLicenceStatusChange(ID, "jining", "n-1", LicenceChange.REVOKED, at, "吊销"), as(SYSTEM))
                .expectEvents(new LicenceStatusChanged(ID, "jining", "n-1", LicenceChange.REVOKED, at, "吊销", NOW),
                        new FilingSuspended(ID, "营业执照已吊销/撤销 (e-license notification jining/n-1)", NOW))
                .expectResultMessagePayload(new NotificationOutcome(false));
    }

    @Test
    void aChangeConfiguredAsAnAlertOrAFilingNotFiledIsOnlyRecorded() {
        Instant at = Instant.parse("2026-03-01T00:00:00Z");
        // EXPIRED is an alert by default
        fixture.given(submitted(), approved())
                .when(new RecordLicenceStatusChange(ID, "jining", "n-1", LicenceChange.EXPIRED, at, null), as(SYSTEM))
                .expectEvents(new LicenceStatusChanged(ID, "jining", "n-1", LicenceChange.EXPIRED, at, null, NOW));
        // a filing still being examined cannot be suspended: the change is recorded, nothing more
        fixture.given(submitted())
                .when(new RecordLicenceStatusChange(ID, "jining", "n-1", LicenceChange.REVOKED, at, null), as(SYSTEM))
                .expectEvents(new LicenceStatusChanged(ID, "jining", "n-1", LicenceChange.REVOKED, at, null, NOW));
    }
}
