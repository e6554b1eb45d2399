package org.careledger.kernel.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.careledger.kernel.licence.FilingCertificate;
import org.junit.jupiter.api.Test;

class FilingCertificateTest {

    @Test
    void theCheckCharacterFollowsIso7064Mod3736() {
        // the hybrid system: a string followed by its check character always ends in p == 1
        for (String s : new String[] {"A", "0", "TYBA", "TYBA11370830MB0000000X2600000101", "ZZZZ99"}) {
            char check = FilingCertificate.checkCharacter(s);
            assertThat(residue(s + check)).as(s).isEqualTo(1);
        }
    }

    @Test
    void aNumberHasTheLayoutAndValidatesItsCheckCharacter() {
        String number = FilingCertificate.number("11370830MB0000000X", 2026, 1);
        assertThat(number).hasSize(33).startsWith("TYBA11370830MB0000000X26000001" + "01");
        assertThat(FilingCertificate.validNumber(number)).isTrue();
        char wrong = number.charAt(32) == 'A' ? 'B' : 'A';
        assertThat(FilingCertificate.validNumber(number.substring(0, 32) + wrong)).isFalse();
        // a single changed character is caught
        assertThat(FilingCertificate.validNumber(number.replace("26000001", "26000002"))).isFalse();
    }

    @Test
    void theCanonicalFormIsFixed() {
        FilingCertificate c = new FilingCertificate("N", "TY3708302026000001", "甲", "C", "370830", "I",
                Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(c.canonical()).isEqualTo("careledger-filing-certificate/1\ncertificateNumber=N\n"
                + "filingNumber=TY3708302026000001\ninstitutionName=甲\ncreditCode=C\ndivision=370830\nissuerCreditCode=I\n"
                + "issuedAt=2026-03-01T00:00:00Z\n");
    }

    private static int residue(String text) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        int p = 36;
        int s = 0;
        for (char c : text.toCharArray()) {
            s = (p + alphabet.indexOf(c)) % 36;
            if (s == 0) {
                s = 36;
            }
            p = (s * 2) % 37;
        }
        return s;
    }
}
