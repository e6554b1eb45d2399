package org.careledger.kernel.enrolment;

import java.time.LocalDate;
import java.util.List;

import org.careledger.kernel.stereotype.ValueObject;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.ServiceType;

/**
 * The service contract (服务合同) an enrolment is made under: service type, period, fee items and
 * amounts, refund standard, dispute resolution, and how many months are paid in advance.
 * Nothing in it identifies the child.
 */
@ValueObject
public record ServiceContract(ServiceType serviceType, LocalDate startsOn, LocalDate endsOn, List<Fee> fees,
                              String refundStandard, String disputeResolution, int prepaidMonths) {

    public ServiceContract {
        fees = fees == null ? List.of() : List.copyOf(fees);
    }
}
