package org.careledger.query.whitelist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RegisterCsvTest {

    private final RegisterCsv csv = new RegisterCsv(new ObjectMapper());

    @Test
    void fieldsAreQuotedAsRfc4180Says() {
        assertThat(RegisterCsv.field("托育中心")).isEqualTo("托育中心");
        assertThat(RegisterCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(RegisterCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(RegisterCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(RegisterCsv.field("cr\r")).isEqualTo("\"cr\r\"");
        assertThat(RegisterCsv.field("")).isEmpty();
    }

    @Test
    void textASpreadsheetWouldRunIsKeptAsText() {
        assertThat(RegisterCsv.guarded("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(RegisterCsv.guarded("+1")).isEqualTo("'+1");
        assertThat(RegisterCsv.guarded("-1")).isEqualTo("'-1");
        assertThat(RegisterCsv.guarded("@SUM")).isEqualTo("'@SUM");
        assertThat(RegisterCsv.guarded("星星托育")).isEqualTo("星星托育");
    }

    @Test
    void aRecordHasEveryColumnInOrderAndEndsInCrlf() {
        String entry = """
                {"filingNumber":"TY3708302026000001","status":"FILED","name":"星星,\\"小\\"托育","creditCode":"52370830MJ0000001X",
                 "division":"370830","address":"=A1","location":{"latitude":35.7,"longitude":116.4},
                 "institutionType":"CHILDCARE_CENTRE","puhui":true,"puhuiSince":"2026-01-01",
                 "classes":[{"name":"乳儿班","classType":"INFANT","places":10,"vacancies":2}],"classTypes":["INFANT"],
                 "totalPlaces":10,"serviceTypes":["FULL_DAY","HOURLY"],"fees":[{"item":"保育费","amountFen":180000,"unit":"PER_MONTH"}],
                 "filedAt":"2026-01-02T00:00:00Z","vacancies":2}""";
        String record = csv.record(entry, Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(record).endsWith("\r\n");
        assertThat(record).isEqualTo("TY3708302026000001,\"星星,\"\"小\"\"托育\",FILED,2026-03-01T00:00:00Z,CHILDCARE_CENTRE,"
                + "370830,'=A1,35.7,116.4,52370830MJ0000001X,true,2026-01-01,FULL_DAY;HOURLY,INFANT,10,2,"
                + "\"[{\"\"name\"\":\"\"乳儿班\"\",\"\"classType\"\":\"\"INFANT\"\",\"\"places\"\":10,\"\"vacancies\"\":2}]\","
                + "\"[{\"\"item\"\":\"\"保育费\"\",\"\"amountFen\"\":180000,\"\"unit\"\":\"\"PER_MONTH\"\"}]\","
                + "2026-01-02T00:00:00Z,,,,,\r\n");
        assertThat(RegisterCsv.header().split(",")).hasSize(24);
        assertThat(RegisterCsv.header()).startsWith("filingNumber,name,status,").endsWith("latestInspectionOutcome\r\n");
    }
}
