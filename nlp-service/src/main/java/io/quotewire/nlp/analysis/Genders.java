package io.quotewire.nlp.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.quotewire.contract.NameKeys;

/** Whether a pronoun can refer to a person, from the first name (CoreNLP's first-name lists) and titles. */
final class Genders {

    private final Set<String> male;
    private final Set<String> female;

    private Genders(Set<String> male, Set<String> female) {
        this.male = male;
        this.female = female;
    }

    static Genders load() {
        return new Genders(read("male"), read("female"));
    }

    private static Set<String> read(String which) {
        String path = "/edu/stanford/nlp/models/gender/" + which + "_first_names.txt";
        Set<String> names = new HashSet<>();
        try (InputStream in = Genders.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                if (!line.isBlank()) {
                    names.add(line.trim().toLowerCase(java.util.Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** False only when the person's first name or title says the other gender. */
    boolean compatible(EntityFinder.Cluster person, String pronoun) {
        boolean wantMale = Speakers.MALE.contains(pronoun);
        boolean wantFemale = Speakers.FEMALE.contains(pronoun);
        if (!wantMale && !wantFemale) {
            return true;
        }
        List<String> words = NameKeys.personWords(person.name);
        if (words.size() < 2) {
            return true;
        }
        String first = words.get(0);
        boolean isMale = male.contains(first) && !female.contains(first);
        boolean isFemale = female.contains(first) && !male.contains(first);
        return wantMale ? !isFemale : !isMale;
    }
}
