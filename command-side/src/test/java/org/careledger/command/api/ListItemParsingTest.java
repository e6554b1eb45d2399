package org.careledger.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.careledger.kernel.error.FieldViolation;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.value.Fee;
import org.junit.jupiter.api.Test;

/** List fields of a request: every item is named by its index, an empty one is refused, the others parsed. */
class ListItemParsingTest {

    @Test
    void eachItemIsNamedByItsIndexAndAnEmptyOneIsRequired() {
        Violations v = new Violations();
        StringBuilder seen = new StringBuilder();
        RequestParsing.eachItem(v, "fees", Arrays.asList("a", null, "c"), (field, item) -> seen.append(field).append('=')
                .append(item).append(' '));
        assertThat(seen).hasToString("fees[0]=a fees[2]=c ");
        assertThat(v.list()).containsExactly(new FieldViolation("fees[1]", "REQUIRED", "fees[1] is empty"));
    }

    @Test
    void feesKeepTheirFieldNamesAndOrder() {
        Violations v = new Violations();
        List<Fee> fees = RequestParsing.fees(v, Arrays.asList(new FilingRequests.FeeBody("托育费", 180_000L, "PER_MONTH"), null,
                new FilingRequests.FeeBody(" ", -1L, "fortnight")));
        assertThat(fees).hasSize(1);
        assertThat(v.list()).extracting(FieldViolation::field, FieldViolation::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fees[1]", "REQUIRED"),
                org.assertj.core.groups.Tuple.tuple("fees[2].item", "REQUIRED"),
                org.assertj.core.groups.Tuple.tuple("fees[2].unit", "UNKNOWN_VALUE"),
                org.assertj.core.groups.Tuple.tuple("fees[2].amountFen", "OUT_OF_RANGE"));
    }
}
