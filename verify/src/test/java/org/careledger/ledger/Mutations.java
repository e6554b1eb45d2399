package org.careledger.ledger;

/**
 * Single-byte changes for tamper tests: for each byte, a change that keeps its kind (a digit
 * becomes another digit, a hex letter another hex letter, a base64 character another one), so the
 * JSON stays well-formed and only the checks of the content can catch it, and a bit flip.
 */
public final class Mutations {

    private Mutations() {
    }

    public static byte[] replacements(byte b) {
        byte sameKind;
        if (b >= '0' && b <= '9') {
            sameKind = (byte) (b == '9' ? '0' : b + 1);
        } else if (b >= 'a' && b <= 'f') {
            sameKind = (byte) (b == 'f' ? 'a' : b + 1);
        } else if (b >= 'g' && b <= 'z') {
            sameKind = (byte) (b == 'z' ? 'g' : b + 1);
        } else if (b >= 'A' && b <= 'Z') {
            sameKind = (byte) (b == 'Z' ? 'A' : b + 1);
        } else if (b == '+') {
            sameKind = '/';
        } else if (b == '/') {
            sameKind = '+';
        } else if (b == '=') {
            sameKind = 'A';
        } else {
            sameKind = (byte) (b ^ 0x20);
        }
        return new byte[] {sameKind, (byte) (b ^ 0x01)};
    }
}
