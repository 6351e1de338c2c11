package io.quotewire.query.projection;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Keys for comparing names: case, accents, punctuation and possessives aside. */
public final class NameKeys {

    private static final Set<String> PARTICLES = Set.of("al", "el", "bin", "ibn", "abu", "de", "del", "della", "da",
            "di", "du", "van", "von", "der", "den", "le", "la", "ben", "st", "jr", "sr", "ii", "iii", "iv");

    private NameKeys() {
    }

    /** Lower case, no accents, no possessive, acronym dots dropped, every other run of non-letters one space. */
    public static String key(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        s = s.replaceAll("['\u2019]s\\b", "").toLowerCase(Locale.ROOT);
        s = s.replaceAll("(?<=\\b\\p{L})\\.(?=\\p{L}\\b)", "").replace(".", "");
        return s.replaceAll("[^\\p{L}\\p{Nd}]+", " ").trim();
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
