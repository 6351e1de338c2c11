package io.quotewire.nlp.analysis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Name normalisation and the stable ids derived from names and quoted words. */
final class Names {

    /** Name particles that do not identify a person on their own ("al" in "Mustafa al-Kadhimi"). */
    static final Set<String> PARTICLES = Set.of("al", "el", "al-", "bin", "ibn", "abu", "de", "del", "della", "da",
            "di", "du", "van", "von", "der", "den", "le", "la", "ben", "mac", "st", "jr", "sr", "ii", "iii", "iv");

    private Names() {
    }

    /** Lower case, no accents, no possessive, every run of non-letters and non-digits one space. */
    static String key(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        s = s.replaceAll("['\u2019]s\\b", "").toLowerCase(Locale.ROOT);
        // acronyms keep their letters together: U.S. -> us
        s = s.replaceAll("(?<=\\b\\p{L})\\.(?=\\p{L}\\b)", "").replace(".", "");
        return s.replaceAll("[^\\p{L}\\p{Nd}]+", " ").trim();
    }

    /** The identifying words of a person's name: its key words without particles and suffixes. */
    static List<String> coreWords(String name) {
        List<String> words = new ArrayList<>();
        for (String w : key(name).split(" ")) {
            if (!w.isEmpty() && !PARTICLES.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    /** {@code e} + 16 hex digits of SHA-256 over the type and the name's key. */
    static String entityId(String type, String canonicalName) {
        return "e" + sha256(type + "|" + key(canonicalName)).substring(0, 16);
    }

    /** {@code q} + 16 hex digits of SHA-256 over the quoted words: case, accents, punctuation and spacing aside. */
    static String quoteId(String quotedWords) {
        return "q" + sha256(key(quotedWords)).substring(0, 16);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
