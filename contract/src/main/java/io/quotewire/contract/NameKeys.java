package io.quotewire.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keys for comparing names, and the ids derived from them: nlp-service names entities and quotes with these ids,
 * and query-service merges entities across articles by these keys, so both must compute them alike.
 */
public final class NameKeys {

    /** Name particles and suffixes that do not identify a person on their own ("al" in "Mustafa al-Kadhimi"). */
    public static final Set<String> PARTICLES = Set.of("al", "el", "bin", "ibn", "abu", "de", "del", "della", "da",
            "di", "du", "van", "von", "der", "den", "le", "la", "ben", "mac", "st", "jr", "sr", "ii", "iii", "iv");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern POSSESSIVE = Pattern.compile("['\u2019]s\\b");
    private static final Pattern ACRONYM_DOT = Pattern.compile("(?<=\\b\\p{L})\\.(?=\\p{L}\\b)");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private NameKeys() {
    }

    /**
     * Lower case, no accents, no possessive, acronyms' dots dropped ({@code U.S.} is {@code us}), every other run
     * of what is not a letter or digit one space.
     */
    public static String key(String name) {
        String s = isAscii(name) ? name : MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        s = POSSESSIVE.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
        s = ACRONYM_DOT.matcher(s).replaceAll("").replace(".", "");
        return NOT_WORD.matcher(s).replaceAll(" ").trim();
    }

    /** The identifying words of a person's name: its key's words without particles and suffixes. */
    public static List<String> personWords(String name) {
        List<String> words = new ArrayList<>();
        for (String w : key(name).split(" ")) {
            if (!w.isEmpty() && !PARTICLES.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    /** {@code e} + 16 hex digits of SHA-256 over the type and the name's key. */
    public static String entityId(String type, String canonicalName) {
        return "e" + sha256(type + "|" + key(canonicalName)).substring(0, 16);
    }

    /** {@code q} + 16 hex digits of SHA-256 over the quoted words: case, accents, punctuation and spacing aside. */
    public static String quoteId(String quotedWords) {
        return "q" + sha256(key(quotedWords)).substring(0, 16);
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

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
