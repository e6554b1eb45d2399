package org.careledger.kernel.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from 0-9 and A-Y
 * without I, O, S, V, Z. The 18th character is a check character over the first 17 with weights
 * 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28: check = 31 - (sum mod 31), 31 becomes 0.
 *
 * <p>Some early pilot codes fail the checksum yet are legal. A code with the right shape is
 * therefore accepted; {@link #checksumValid()} tells whether it passed, and a failing code must be
 * settled by licence verification rather than rejected outright.
 */
@ValueObject
public record CreditCode(String value) implements StringValue {

    /** GB 32100-2015 character set in value order: the index of a character is its value. */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    /** The shape a code has (18 characters of {@link #ALPHABET}), for published contracts. */
    public static final String PATTERN = "^[" + ALPHABET + "]{18}$";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public CreditCode {
        if (value == null || value.length() != 18) {
            throw new DomainException(ErrorCode.INVALID_CREDIT_CODE,
                    "A unified social credit code has 18 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                throw new DomainException(ErrorCode.INVALID_CREDIT_CODE,
                        "Character " + (i + 1) + " of the credit code is not one of 0-9, A-Y without I, O, S, V, Z");
            }
        }
    }

    @JsonCreator
    public static CreditCode parse(String raw) {
        return new CreditCode(raw == null ? null : raw.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether the check character agrees with the GB 32100-2015 checksum. */
    public boolean checksumValid() {
        return value.charAt(17) == checkCharacterFor(value.substring(0, 17));
    }

    /** The check character GB 32100-2015 prescribes for 17 leading characters. */
    public static char checkCharacterFor(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - (sum % 31);
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    @Override
    public String toString() {
        return value;
    }
}
