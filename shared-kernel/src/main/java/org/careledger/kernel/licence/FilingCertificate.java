package org.careledger.kernel.licence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * A filing certificate (备案回执) as an electronic licence, and the two things about it that
 * outlive any server: its number and its signed form.
 *
 * <p><b>Number</b> (after the GB/T 36904 identifier structure: licence type, issuer, serial,
 * version, check), 33 characters:
 * <pre>
 *   TYBA                 licence type code: 托育机构备案回执
 *   11370830MB0000000X   issuer: unified social credit code of the issuing health commission (18)
 *   26000001             serial: 2-digit year + 6-digit filing serial (8)
 *   01                   version of the certificate (2)
 *   K                    check character, ISO/IEC 7064 MOD 37,36 over the 32 characters before it
 * </pre>
 *
 * <p><b>Signed form</b>: the UTF-8 bytes of {@link #canonical()}, one {@code key=value} line per
 * field in a fixed order, signed with Ed25519. Anyone with the published public key can check a
 * certificate offline; any changed byte in a field or in the signature fails the check.
 */
@ValueObject
public record FilingCertificate(String certificateNumber, String filingNumber, String institutionName,
                                String creditCode, String division, String issuerCreditCode, Instant issuedAt) {

    public static final String TYPE_CODE = "TYBA";
    public static final String VERSION = "01";
    public static final String FORMAT = "careledger-filing-certificate/1";
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** The shape of a certificate number (type code and 29 characters of {@link #ALPHABET}), for published contracts. */
    public static final String NUMBER_PATTERN = "^" + TYPE_CODE + "[" + ALPHABET + "]{29}$";

    /** The certificate number for an issuer, approval year and filing serial (version 01). */
    public static String number(String issuerCreditCode, int year, long filingSerial) {
        if (issuerCreditCode == null || issuerCreditCode.length() != 18) {
            throw new IllegalArgumentException("issuer credit code must have 18 characters");
        }
        String body = TYPE_CODE + issuerCreditCode + "%02d%06d".formatted(year % 100, filingSerial) + VERSION;
        return body + checkCharacter(body);
    }

    /** ISO/IEC 7064 MOD 37,36 (hybrid system) check character over digits and upper-case letters. */
    public static char checkCharacter(String text) {
        int m = 36;
        int p = m;
        for (char c : text.toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new DomainException(ErrorCode.INVALID_IDENTIFIER, "Certificate numbers use 0-9 and A-Z only");
            }
            int s = (p + value) % m;
            if (s == 0) {
                s = m;
            }
            p = (s * 2) % (m + 1);
        }
        return ALPHABET.charAt((m + 1 - p) % m);
    }

    /** Whether a certificate number is well formed and its check character is right. */
    public static boolean validNumber(String number) {
        if (number == null || number.length() != 33 || !number.startsWith(TYPE_CODE)) {
            return false;
        }
        for (char c : number.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return false;
            }
        }
        return checkCharacter(number.substring(0, 32)) == number.charAt(32);
    }

    /** The exact text that is signed: fixed field order, one line each, LF line ends. */
    public String canonical() {
        return FORMAT + "\n"
                + "certificateNumber=" + certificateNumber + "\n"
                + "filingNumber=" + filingNumber + "\n"
                + "institutionName=" + institutionName + "\n"
                + "creditCode=" + creditCode + "\n"
                + "division=" + division + "\n"
                + "issuerCreditCode=" + issuerCreditCode + "\n"
                + "issuedAt=" + issuedAt + "\n";
    }

    public byte[] canonicalBytes() {
        return canonical().getBytes(StandardCharsets.UTF_8);
    }
}
