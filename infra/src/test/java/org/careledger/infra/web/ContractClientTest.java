package org.careledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.careledger.client.ApiClient;
import org.careledger.client.ApiException;
import org.careledger.client.api.ChildrenApi;
import org.careledger.client.api.EnrolmentApi;
import org.careledger.client.api.FilingApi;
import org.careledger.client.api.PublicApi;
import org.careledger.client.api.SupervisionApi;
import org.careledger.client.model.AttendanceAccepted;
import org.careledger.client.model.AttendanceBody;
import org.careledger.client.model.AttendanceEntryBody;
import org.careledger.client.model.CareSummary;
import org.careledger.client.model.ClassOccupancy;
import org.careledger.client.model.CommandAccepted;
import org.careledger.client.model.ContractBody;
import org.careledger.client.model.EnrolBody;
import org.careledger.client.model.FeeBody;
import org.careledger.client.model.FileInstitutionBody;
import org.careledger.client.model.HealthCheckBody;
import org.careledger.client.model.PublicInstitution;
import org.careledger.client.model.PublicInstitutionPage;
import org.careledger.client.model.RegisterChildBody;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.child.CitizenId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An integrator's view: README's walk-through (filing, approval, white-list, child, entry health
 * check, enrolment, attendance) driven only through the Java client that the build generates
 * from the checked-in contract docs/openapi/careledger.yaml. Tokens come from the local issuer,
 * which is not part of the contract (in production they come from the identity provider).
 */
class ContractClientTest extends IntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    WebTestClient web;
    @LocalServerPort
    int port;

    /** A client for the caller the token names; no token for the public operations. */
    private ApiClient client(String token) {
        ApiClient api = new ApiClient();
        api.updateBaseUri("http://localhost:" + port);
        api.setReadTimeout(Duration.ofSeconds(30));
        if (token != null) {
            api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return api;
    }

    @Test
    void readmesWalkThroughWorksThroughTheGeneratedClient() throws Exception {
        Tokens tokens = new Tokens(web);
        String institutionId = UUID.randomUUID().toString();
        ApiClient operator = client(tokens.operator(institutionId));
        ApiClient inspector = client(tokens.inspector("3708"));

        FileInstitutionBody filing = operator.getObjectMapper().convertValue(
                Filings.body(Filings.freshCreditCode(), "契约托育中心"), FileInstitutionBody.class);
        CommandAccepted filed = new FilingApi(operator).fileInstitution(filing, "contract-" + institutionId);
        assertThat(filed.getId()).isEqualTo(institutionId);

        CommandAccepted approved = approveOnceVerified(new FilingApi(inspector), institutionId);
        PublicInstitutionPage page = new PublicApi(client(null)).searchWhiteList("3708", null, null, null, null,
                "契约托育中心", null, null, null, null, null, approved.getPosition(), null);
        assertThat(page.getItems()).extracting(PublicInstitution::getName).contains("契约托育中心");

        LocalDate birth = TODAY.minusMonths(14).withDayOfMonth(11);
        String first17 = "370830" + birth.toString().replace("-", "") + "731";
        CommandAccepted child = new ChildrenApi(operator).registerChild(institutionId, new RegisterChildBody()
                .name("王小明").citizenId(first17 + CitizenId.checkCharacterFor(first17)).birthDate(birth)
                .guardianName("王大明").guardianPhone("138-0537-0000"), null);
        new ChildrenApi(operator).recordHealthCheck(child.getId(), new HealthCheckBody()
                .kind(HealthCheckBody.KindEnum.ENTRY).checkedOn(TODAY).outcome(HealthCheckBody.OutcomeEnum.NORMAL)
                .details("发育正常"), null);

        CareSummary care = new SupervisionApi(operator).institutionCare(institutionId, null, approved.getPosition());
        String toddlers = care.getClasses().stream().filter(c -> "YOUNG_TODDLER".equals(c.getClassType()))
                .map(ClassOccupancy::getClassId).findFirst().orElseThrow();
        CommandAccepted enrolled = new EnrolmentApi(operator).enrolChild(institutionId, new EnrolBody()
                .childRef(child.getId()).classId(toddlers).contract(new ContractBody()
                        .serviceType(ContractBody.ServiceTypeEnum.FULL_DAY).startsOn(TODAY).endsOn(TODAY.plusYears(1))
                        .fees(List.of(new FeeBody().item("保育费").amountFen(180000L).unit(FeeBody.UnitEnum.PER_MONTH)))
                        .refundStandard("按未服务天数退还").disputeResolution("协商，不成向县卫健局申请调解").prepaidMonths(1)),
                null);
        assertThat(enrolled.getPosition()).isGreaterThan(approved.getPosition());

        AttendanceAccepted attendance = new EnrolmentApi(operator).submitAttendance(institutionId, new AttendanceBody()
                .day(TODAY).entries(List.of(new AttendanceEntryBody()
                        .childRef(child.getId()).checkIn("08:10").checkOut("17:05"))), "att-" + institutionId);
        assertThat(attendance.getRecorded()).isEqualTo(1);
    }

    /** Approval answers 503 LICENCE_VERIFICATION_PENDING (documented, with Retry-After) until the licence is verified. */
    private static CommandAccepted approveOnceVerified(FilingApi filing, String institutionId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return filing.approveFiling(institutionId, null);
            } catch (ApiException e) {
                if (e.getCode() != 503 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
