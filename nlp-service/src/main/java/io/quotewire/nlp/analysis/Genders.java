package io.quotewire.nlp.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import io.quotewire.contract.NameKeys;

/**
 * Whether a pronoun can refer to a person, from the title the article gives them ("Mr.", "Mrs.", "Ms.", "Miss") or
 * their first name: CoreNLP's lists of common first names and its coreference's list of 14,600 first names by
 * gender (which knows "Hillary" and "Bernie"). A name the lists give both genders ("Jordan", "Terry") says nothing.
 */
final class Genders {

    private static final Set<String> HONORIFICS_FEMALE = Set.of("mrs.", "mrs", "ms.", "ms", "miss");
    /** First names that a name's key leaves out as particles ("al-Assad", "ben Ali"): Al Gore, Ben Carson. */
    private static final Set<String> PARTICLE_FIRST_NAMES = Set.of("Al", "Ben", "Abu");

    private final Set<String> male;
    private final Set<String> female;

    private Genders(Set<String> male, Set<String> female) {
        this.male = male;
        this.female = female;
    }

    static Genders load() {
        Set<String> male = new HashSet<>();
        Set<String> female = new HashSet<>();
        read("/edu/stanford/nlp/models/gender/male_first_names.txt", male::add);
        read("/edu/stanford/nlp/models/gender/female_first_names.txt", female::add);
        // "name<TAB>MALE" or "name<TAB>FEMALE", a line for each gender a name is given
        read("/edu/stanford/nlp/models/dcoref/namegender.combine.txt", line -> {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                String name = line.substring(0, tab).strip();
                String gender = line.substring(tab + 1).strip();
                if (gender.equals("male")) {
                    male.add(name);
                } else if (gender.equals("female")) {
                    female.add(name);
                }
            }
        });
        return new Genders(male, female);
    }

    /** Each non-blank line of a classpath resource, lower-cased. */
    private static void read(String path, Consumer<String> line) {
        try (InputStream in = Genders.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l; (l = r.readLine()) != null;) {
                if (!l.isBlank()) {
                    line.accept(l.trim().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * False only when the person's title or first name says the other gender: "Mr.", "Mrs.", "Ms." or "Miss" before
     * a mention of them in the text (one gender only), else their first name.
     */
    boolean compatible(EntityFinder.Cluster person, String pronoun, List<Token> tokens) {
        boolean wantMale = Speakers.MALE.contains(pronoun);
        boolean wantFemale = Speakers.FEMALE.contains(pronoun);
        if (!wantMale && !wantFemale) {
            return true;
        }
        boolean mr = false;
        boolean mrs = false;
        for (EntityFinder.Mention m : person.mentions) {
            if (m.from() > 0) {
                String title = EntityFinder.lower(tokens.get(m.from() - 1));
                mr |= title.equals("mr.") || title.equals("mr");
                mrs |= HONORIFICS_FEMALE.contains(title);
            }
        }
        if (mr != mrs) {
            return wantMale == mr;
        }
        String[] given = person.name.split(" ");
        String first;
        if (given.length > 1 && PARTICLE_FIRST_NAMES.contains(given[0])) {
            first = given[0].toLowerCase(Locale.ROOT);
        } else {
            List<String> words = NameKeys.personWords(person.name);
            if (words.size() < 2) {
                return true;
            }
            first = words.get(0);
        }
        boolean isMale = male.contains(first) && !female.contains(first);
        boolean isFemale = female.contains(first) && !male.contains(first);
        return wantMale ? !isFemale : !isMale;
    }
}
