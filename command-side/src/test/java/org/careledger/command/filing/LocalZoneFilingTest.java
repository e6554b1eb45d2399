package org.careledger.command.filing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.careledger.command.filing.FilingFixtures.CLOCK;
import static org.careledger.command.filing.FilingFixtures.ID;
import static org.careledger.command.filing.FilingFixtures.NOW;
import static org.careledger.command.filing.FilingFixtures.OPERATOR;
import static org.careledger.command.filing.FilingFixtures.as;
import static org.careledger.command.filing.FilingFixtures.fileCommand;
import static org.careledger.command.filing.FilingFixtures.submitted;

import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.filing.FilingAmended;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.value.FilingArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rule F7: a filing and an amendment may name a configured local zone lying in the filing's division. */
class LocalZoneFilingTest {

    private AggregateTestFixture<Institution> fixture;
    private InMemoryInstitutionDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = FilingFixtures.institutionFixture();
        directory = FilingFixtures.directory(fixture);
        fixture.registerAnnotatedCommandHandler(
                new FileInstitutionHandler(fixture.getRepository(), directory, CLOCK, FilingFixtures.ZONES));
    }

    private static FileInstitution inZone(String zone) {
        FileInstitution c = fileCommand();
        return new FileInstitution(c.institutionId(), c.creditCode(), c.name(), c.type(), c.division(), c.address(),
                c.location(), c.contactPhone(), c.mealsServed(), c.serviceTypes(), c.classes(), c.fees(), c.documents(), zone);
    }

    private static AmendFiling amendedInZone(String zone) {
        FileInstitution c = fileCommand();
        return new AmendFiling(ID, c.name(), c.address(), c.location(), c.contactPhone(), c.mealsServed(),
                c.serviceTypes(), c.fees(), c.documents(), "区域", zone);
    }

    @Test
    void aFilingInAZoneOfItsDivisionCarriesTheZoneAndTheDirectoryKnowsIt() {
        fixture.givenNoPriorActivity()
                .when(inZone("370830-T"), as(OPERATOR))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.listWithAnyOf(
                                org.axonframework.test.matchers.Matchers.predicate(p -> p instanceof FilingSubmitted s
                                        && "370830-T".equals(s.zone())))));
        assertThat(directory.requireAreaOf(ID)).isEqualTo(new FilingArea(FilingFixtures.WENSHANG, "370830-T"));
    }

    @Test
    void aZoneOfAnotherDivisionOrAnUnknownZoneIsRefusedAndNothingIsWritten() {
        for (String zone : List.of("370811-TBH", "3708-NOPE")) {
            fixture.givenNoPriorActivity()
                    .when(inZone(zone), as(OPERATOR))
                    .expectNoEvents()
                    .expectException(RefusedWith.code(ErrorCode.INVALID_ZONE))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString(zone));
            assertThat(directory.areaOf(ID)).isEmpty();
        }
    }

    @Test
    void anAmendmentMovesTheInstitutionIntoAZoneOfItsDivisionOrOutOfIt() {
        directory.with(ID, FilingArea.of(FilingFixtures.WENSHANG));
        fixture.given(submitted())
                .when(amendedInZone("370830-T"), as(OPERATOR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FilingAmended(ID, submitted().name(), submitted().address(), submitted().location(),
                        submitted().contactPhone(), submitted().mealsServed(), submitted().serviceTypes(),
                        submitted().fees(), submitted().documents(), "区域", false, NOW, "370830-T"));
        assertThat(directory.requireAreaOf(ID).zone()).isEqualTo("370830-T");

        FilingSubmitted zoned = new FilingSubmitted(ID, submitted().creditCode(), true, submitted().name(), submitted().type(),
                submitted().division(), submitted().address(), submitted().location(), submitted().contactPhone(),
                submitted().mealsServed(), submitted().serviceTypes(), submitted().fees(), submitted().documents(), NOW,
                "370830-T");
        fixture.given(zoned)
                .when(amendedInZone("370830-T"), as(OPERATOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents(); // nothing changed: nothing written (ADR 0020)
        fixture.given(zoned)
                .when(amendedInZone(null), as(OPERATOR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FilingAmended(ID, submitted().name(), submitted().address(), submitted().location(),
                        submitted().contactPhone(), submitted().mealsServed(), submitted().serviceTypes(),
                        submitted().fees(), submitted().documents(), "区域", false, NOW, null));
        assertThat(directory.requireAreaOf(ID).zone()).isNull();
    }

    @Test
    void anAmendmentNamingAZoneOutsideTheDivisionIsRefusedAndNothingIsWritten() {
        directory.with(ID, FilingArea.of(FilingFixtures.WENSHANG));
        fixture.given(submitted())
                .when(amendedInZone("370811-TBH"), as(OPERATOR))
                .expectNoEvents()
                .expectException(RefusedWith.code(ErrorCode.INVALID_ZONE));
        assertThat(directory.requireAreaOf(ID).zone()).isNull();
        assertThatThrownBy(() -> FilingFixtures.ZONES.requireIn("370811-TBH", FilingFixtures.WENSHANG))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("zone");
                            assertThat(v.code()).isEqualTo("INVALID_ZONE");
                        }));
    }
}
