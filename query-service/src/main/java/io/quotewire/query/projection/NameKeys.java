package io.quotewire.query.projection;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Keys for comparing names: case, accents, punctuation and possessives aside. */
public final class NameKeys {

    private static final Set<String> PARTICLES = Set.of("al", "el", "bin", "ibn", "abu", "de", "del", "della", "da",
            "di", "du", "van", "von", "der", "den", "le", "la", "ben", "st", "jr", "sr", "ii", "iii", "iv");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern POSSESSIVE = Pattern.compile("['\u2019]s\\b");
    private static final Pattern ACRONYM_DOT = Pattern.compile("(?<=\\b\\p{L})\\.(?=\\p{L}\\b)");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private NameKeys() {
    }

    /** Lower case, no accents, no possessive, acronym dots dropped, every other run of non-letters one space. */
    public static String key(String name) {
        String s = isAscii(name) ? name : MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        s = POSSESSIVE.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
        s = ACRONYM_DOT.matcher(s).replaceAll("").replace(".", "");
        return NOT_WORD.matcher(s).replaceAll(" ").trim();
    }

    /** ASCII has no accents to strip and nothing NFKD would change. */
    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The identifying words of a person's name: no particles (al, bin, van) or suffixes (Jr.). */
    static List<String> personWords(String name) {
        List<String> words = new ArrayList<>();
        for (String w : key(name).split(" ")) {
            if (!w.isEmpty() && !PARTICLES.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }
}
