package org.careledger.query.whitelist;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Splits names into search tokens without a text index (ADR 0004): Chinese has no spaces, so
 * every Han character and every pair of adjacent Han characters is a token; runs of letters and
 * digits are lower-cased words. A query matches when the name has all of the query's tokens.
 */
final class NameTokens {

    private NameTokens() {
    }

    static Set<String> of(String text) {
        Set<String> tokens = new LinkedHashSet<>();
        if (text == null) {
            return tokens;
        }
        StringBuilder word = new StringBuilder();
        int previousHan = -1;
        int[] cps = text.codePoints().toArray();
        for (int cp : cps) {
            if (isHan(cp)) {
                flush(word, tokens);
                String ch = new String(Character.toChars(cp));
                tokens.add(ch);
                if (previousHan >= 0) {
                    tokens.add(new String(Character.toChars(previousHan)) + ch);
                }
                previousHan = cp;
            } else if (Character.isLetterOrDigit(cp)) {
                previousHan = -1;
                word.appendCodePoint(Character.toLowerCase(cp));
            } else {
                previousHan = -1;
                flush(word, tokens);
            }
        }
        flush(word, tokens);
        return tokens;
    }

    /** Tokens a query must all match: the bigrams of a Han run (its single character if alone), and words. */
    static Set<String> query(String text) {
        Set<String> all = of(text);
        Set<String> needed = new LinkedHashSet<>();
        for (String t : all) {
            boolean han = isHan(t.codePointAt(0));
            int length = t.codePointCount(0, t.length());
            if (!han || length == 2) {
                needed.add(t);
            }
        }
        // a single Han character on its own (or Han characters separated by spaces) needs its unigram
        for (String t : all) {
            if (isHan(t.codePointAt(0)) && t.codePointCount(0, t.length()) == 1
                    && needed.stream().noneMatch(n -> n.contains(t))) {
                needed.add(t);
            }
        }
        return needed;
    }

    private static void flush(StringBuilder word, Set<String> tokens) {
        if (!word.isEmpty()) {
            tokens.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }

    private static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }
}
