package io.quotewire.nlp.analysis;

import java.util.List;
import java.util.Set;

import io.quotewire.contract.NameKeys;
import io.quotewire.nlp.analysis.Attributor.Attribution;
import io.quotewire.nlp.analysis.Attributor.Context;
import io.quotewire.nlp.analysis.EntityFinder.Cluster;

/**
 * Who a speaker mention is, once the attribution rules have found it: the head of its noun phrase decides
 * (a name, a pronoun, a role noun, another noun phrase). Pronouns resolve to the last person named before them
 * (outside quotes and captions, agreeing in gender when the first name tells), "it" to the organisation last
 * named, "who" to the name before its comma, role nouns ("the president") to the person holding that title.
 */
final class Speakers {

    static final Set<String> MALE = Set.of("he", "him", "his");
    static final Set<String> FEMALE = Set.of("she", "her", "hers");
    static final Set<String> PERSONAL = Set.of("he", "she", "they", "i", "we", "it");
    private static final Set<String> NP_POS = Set.of("NNP", "NNPS", "NN", "NNS", "JJ", "DT", "PRP", "CD", "POS",
            "HYPH", "PRP$", "JJR", "JJS", "VBN");
    /** Determiners and numbers that stand for a noun phrase: "another said", "one wrote", "tweeted another". */
    private static final Set<String> NOMINAL = Set.of("another", "others", "one", "some", "many", "several", "both");
    /** Prepositions whose object is seldom the person a later pronoun refers to. */
    private static final Set<String> OBJECT_PREPOSITIONS = Set.of("about", "with", "to", "of", "for", "against",
            "from", "than", "like", "on", "at", "toward", "towards", "over", "into", "onto");
    private static final Set<String> POSSESSIVES = Set.of("his", "her", "its", "their");
    /** Nouns for something said, after a possessive pronoun that names its speaker ("her remark that"). */
    private static final Set<String> SAID_NOUNS = Set.of("comment", "remark", "statement", "assertion", "claim", "word",
            "response", "answer", "reply", "testimony", "tweet", "message", "speech", "promise", "pledge", "argument",
            "warning", "question", "quip", "joke", "description", "insistence", "contention", "suggestion", "admission",
            "declaration", "vow", "criticism", "complaint", "explanation", "prediction", "boast", "accusation",
            "line", "quote", "refrain", "slogan", "mantra", "retort", "plea", "demand", "call", "charge", "view");
    static final Set<String> NP_PREPOSITIONS = Set.of("of", "in", "for", "at", "from", "with", "on");
    /** Prepositions after an adjective or participle that follows a noun: "a source close to", "people familiar with". */
    private static final Set<String> MODIFIER_PREPOSITIONS = Set.of("to", "with", "on", "about");

    private final Genders genders;

    Speakers(Genders genders) {
        this.genders = genders;
    }

    /** A token of a noun phrase, reading its neighbours: a participle after a hyphen too ("conservative-leaning"). */
    static boolean isNpToken(List<Token> tokens, int k) {
        Token t = tokens.get(k);
        return NP_POS.contains(t.pos()) || t.capitalised() && t.pos().startsWith("NN")
                || t.pos().equals("VBG") && k > 0 && tokens.get(k - 1).pos().equals("HYPH");
    }

    /** A noun phrase's token, or a name's word whatever the tagger reads it as ("Skip/VB Rutherford", "Al From/IN"). */
    static boolean isPhraseToken(List<Token> tokens, Cluster[] byToken, int k) {
        return isNpToken(tokens, k) || byToken[k] != null;
    }

    /**
     * Whether the token at {@code k} is an adjective or participle after a noun (from {@code from} on), with one of
     * {@link #MODIFIER_PREPOSITIONS} after it: the noun's modifier, "a source close to the talks", "officials
     * briefed on the plan", "people familiar with Clinton's thinking"; its noun, not what follows, heads the phrase.
     */
    static boolean isModifierWithPreposition(List<Token> tokens, int k, int from) {
        return k - 1 >= from && k + 1 < tokens.size() && tokens.get(k - 1).isNoun()
                && (tokens.get(k).pos().startsWith("JJ") || tokens.get(k).pos().equals("VBN"))
                && MODIFIER_PREPOSITIONS.contains(EntityFinder.lower(tokens.get(k + 1)));
    }

    /**
     * Whether the phrase {@code [from, to)} ends in a noun, in a word standing for one that opens the phrase or
     * follows a determiner ("another said", "the one who"; not "Trump and Clinton both"), or in an age used as a
     * noun ("the 46-year-old"). A trailing adjective or participle that modifies the noun before it ("a source
     * close", "a lawyer involved") is left out of the mention: see {@link #headEnd}.
     */
    private static boolean nounHead(List<Token> tokens, int from, int to) {
        Token last = tokens.get(to - 1);
        return last.isNoun()
                || NOMINAL.contains(EntityFinder.lower(last)) && !last.pos().startsWith("JJ")
                        && (to - 1 == from || tokens.get(to - 2).pos().equals("DT"))
                || EntityFinder.lower(last).equals("old") && to >= 3 && tokens.get(to - 2).pos().equals("HYPH")
                        && EntityFinder.lower(tokens.get(to - 3)).startsWith("year");
    }

    /** The end of the phrase's noun: past an age, before adjectives and participles that follow it. */
    private static int headEnd(List<Token> tokens, int from, int to) {
        int end = to;
        while (end - 1 > from && !nounHead(tokens, from, end)
                && (tokens.get(end - 1).pos().startsWith("JJ") || tokens.get(end - 1).pos().equals("VBN"))) {
            end--;
        }
        return nounHead(tokens, from, end) ? end : to;
    }

    /** Words before a group's name that make the phrase one of its members: "a Republican", "one Democrat". */
    private static final Set<String> ONE_OF = Set.of("a", "an", "another", "one");

    /**
     * The mention the attribution rests on, and the entity it resolves to. The head of the phrase decides:
     * its last noun group ("Secretary of State Mike Pompeo", "a narrator in the Clinton ad"); a name counts
     * only when it ends that group (not "the Clinton campaign"), and a group's name not after "a", "an", "another"
     * or "one", nor in the singular after "the" ("a New Hampshire Republican", "the Republican" are one of them,
     * unnamed; "the British" are the group).
     */
    Attribution resolve(Context ctx, int from, int to, int cue) {
        List<Token> tokens = ctx.doc().tokens;
        Cluster[] byToken = ctx.entities().byToken();
        while (to > from && (tokens.get(to - 1).pos().equals("POS") || tokens.get(to - 1).isPunct(','))) {
            to--;
        }
        if (to <= from) {
            return null;
        }
        for (int k = from + 1; k + 2 < to; k++) {
            if (isModifierWithPreposition(tokens, k, from)) {
                return resolve(ctx, from, k, cue);
            }
        }
        int headFrom = to;
        while (headFrom - 1 >= from && isPhraseToken(tokens, byToken, headFrom - 1)) {
            headFrom--;
        }
        if (headFrom == to) {
            return null;
        }
        Cluster last = byToken[to - 1];
        // a person with a place or organisation after a preposition: "Governor Ada Quill of Norway",
        // "Mike Pompeo of the State Department": the person heads the phrase
        if (last != null && !last.type.equals("PERSON") && headFrom - 2 >= from
                && NP_PREPOSITIONS.contains(EntityFinder.lower(tokens.get(headFrom - 1)))) {
            Attribution person = resolve(ctx, from, headFrom - 1, cue);
            if (person != null && person.entity() != null && person.entity().type.equals("PERSON")) {
                return person;
            }
        }
        // one of a group heading the phrase, unnamed: "a New Hampshire Republican" (not "a spokesman for Democrats")
        String determiner = EntityFinder.lower(tokens.get(from));
        if (last != null && last.type.equals("NORP") && headFrom <= from + 1 && (ONE_OF.contains(determiner)
                || determiner.equals("the") && last.name.equals(tokens.get(to - 1).text() + "s"))) {
            return new Attribution(from, to, cue, cue + 1, null);
        }
        if (last != null && !last.type.equals("LOCATION") || last != null && headFrom == to - 1 - span(byToken, to - 1, headFrom)) {
            int s = to - 1;
            while (s - 1 >= headFrom && byToken[s - 1] == last) {
                s--;
            }
            return new Attribution(s, to, cue, cue + 1, last);
        }
        // a pronoun heading the group
        for (int k = headFrom; k < to; k++) {
            String w = EntityFinder.lower(tokens.get(k));
            if (tokens.get(k).pos().equals("PRP") && PERSONAL.contains(w)) {
                return new Attribution(k, k + 1, cue, cue + 1, referent(ctx, k, w));
            }
        }
        // a role noun: the president, the prime minister; or another noun phrase (officials, a narrator in the ad)
        String head = " " + joinLower(tokens, headFrom, to) + " ";
        Cluster holder = null;
        if (head.startsWith(" the ")) {
            for (String role : EntityFinder.ROLES) {
                if (head.endsWith(" " + role + " ")) {
                    holder = roleHolder(ctx, from, role);
                    if (holder != null) {
                        break;
                    }
                }
            }
        }
        int end = headEnd(tokens, from, to);
        if (nounHead(tokens, from, end) && end - from <= 12) {
            if (holder == null && end - from == 1) {
                holder = bySurname(ctx, tokens.get(from));
            }
            return new Attribution(from, end, cue, cue + 1, holder);
        }
        return null;
    }

    /**
     * The one person of the text whose surname (the last of {@link NameKeys#personWords}, of two or more) is this
     * lone capitalised word the name recogniser did not name ("May said" read as a month, "Will wrote" as a modal;
     * "Kadhimi" for Mustafa al-Kadhimi, "Nunez" for José Núñez), else null.
     */
    private static Cluster bySurname(Context ctx, Token t) {
        if (!t.pos().equals("NNP") || !t.capitalised()) {
            return null;
        }
        String word = NameKeys.key(t.text());
        Cluster found = null;
        for (Cluster c : ctx.entities().clusters()) {
            List<String> words = c.type.equals("PERSON") ? NameKeys.personWords(c.name) : List.of();
            if (words.size() >= 2 && words.get(words.size() - 1).equals(word)) {
                if (found != null) {
                    return null; // two people of that name: no guess
                }
                found = c;
            }
        }
        return found;
    }

    /**
     * A possessive pronoun before a word for something said ("her remark that", "his response"), as a speaker:
     * "his" and "her" resolve as "he" and "she" do, "its" to the organisation last named; null when the word
     * after it (within three) is not one for something said.
     */
    Attribution possessive(Context ctx, int k) {
        List<Token> tokens = ctx.doc().tokens;
        String w = EntityFinder.lower(tokens.get(k));
        if (!tokens.get(k).pos().equals("PRP$") || !POSSESSIVES.contains(w)) {
            return null;
        }
        for (int j = k + 1; j < Math.min(tokens.size(), k + 4); j++) {
            Token t = tokens.get(j);
            if (t.isNoun() && SAID_NOUNS.contains(t.lemma().toLowerCase(java.util.Locale.ROOT))) {
                return new Attribution(k, k + 1, -1, 0, referent(ctx, k, w));
            }
            if (!t.pos().startsWith("JJ") && !t.pos().equals("NNP") && !t.pos().equals("CD")) {
                return null;
            }
        }
        return null;
    }

    /**
     * Who the pronoun {@code word} at {@code k} refers to: "he", "she", "his", "her" the person before it, "it"
     * and "its" the organisation last named; null for the others ("they", "their", "we").
     */
    private Cluster referent(Context ctx, int k, String word) {
        return MALE.contains(word) || FEMALE.contains(word) ? antecedent(ctx, k, word)
                : word.equals("it") || word.equals("its") ? lastOrganisation(ctx, k) : null;
    }

    /** How many tokens before {@code k} (down to {@code floor}) belong to the same entity as {@code k}. */
    static int span(Cluster[] byToken, int k, int floor) {
        int n = 0;
        while (k - n - 1 >= floor && byToken[k - n - 1] == byToken[k]) {
            n++;
        }
        return n;
    }

    /** The organisation most recently named before {@code token}, in this paragraph or the one before. */
    private static Cluster lastOrganisation(Context ctx, int token) {
        int paragraph = ctx.doc().tokens.get(token).paragraph();
        for (int k = token - 1; k >= 0 && ctx.doc().tokens.get(k).paragraph() >= paragraph - 1; k--) {
            Cluster c = ctx.entities().byToken()[k];
            if (c != null && c.type.equals("ORGANIZATION") && !ctx.inQuote()[k]) {
                return c;
            }
        }
        return null;
    }

    private static String joinLower(List<Token> tokens, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            sb.append(k > from ? " " : "").append(EntityFinder.lower(tokens.get(k)));
        }
        return sb.toString();
    }

    /** The person most recently named with this role before {@code token}. */
    private static Cluster roleHolder(Context ctx, int token, String role) {
        Cluster best = null;
        int bestAt = -1;
        for (Cluster c : ctx.entities().clusters()) {
            if (c.type.equals("PERSON") && c.roles.contains(role)) {
                for (EntityFinder.Mention m : c.mentions) {
                    if (m.from() < token && m.from() > bestAt) {
                        best = c;
                        bestAt = m.from();
                    }
                }
            }
        }
        return best;
    }

    /**
     * The person a pronoun refers to, in the nearest earlier sentence that names a person of a compatible gender
     * (within the last three paragraphs, outside quotes and captions): the first person of that sentence who is
     * not the object of a preposition ("Asked about Sullivan, Feinstein said"), else its first person. Where that
     * sentence's subject is the same pronoun, before the person ("But on Sunday he finally gave Clinton a ringing
     * endorsement. “...,” he said"), the pronoun goes on referring to whom that one refers to, or to no one named.
     */
    private Cluster antecedent(Context ctx, int pronoun, String word) {
        return antecedent(ctx, pronoun, word, 3);
    }

    private Cluster antecedent(Context ctx, int pronoun, String word, int chain) {
        List<Token> tokens = ctx.doc().tokens;
        Cluster[] byToken = ctx.entities().byToken();
        int paragraph = tokens.get(pronoun).paragraph();
        int sentence = -1;
        Cluster found = null;
        Cluster first = null;
        for (int k = pronoun - 1; k >= 0; k--) {
            Token t = tokens.get(k);
            if (t.paragraph() < paragraph - 2) {
                break;
            }
            if (sentence >= 0 && t.sentence() != sentence) {
                break; // the nearest sentence with a candidate is done
            }
            Cluster c = byToken[k];
            if (c == null || !c.type.equals("PERSON") || ctx.inQuote()[k] || ctx.caption()[t.sentence()]) {
                continue;
            }
            if (!genders.compatible(c, word, tokens)) {
                continue;
            }
            sentence = t.sentence();
            first = c; // keep going left within the sentence: the first (eligible) person of the sentence wins
            if (!afterPreposition(tokens, byToken, k) && !modifiesNoun(tokens, byToken, k)) {
                found = c;
            }
        }
        if (first != null && chain > 0) {
            // the same pronoun before the sentence's first person: the subject, still the one referred to
            int at = -1;
            for (int k = pronoun - 1; k >= 0 && tokens.get(k).sentence() >= sentence; k--) {
                if (tokens.get(k).sentence() == sentence && byToken[k] == first) {
                    at = -1; // a person before it: not the subject
                } else if (tokens.get(k).sentence() == sentence && !ctx.inQuote()[k]
                        && EntityFinder.lower(tokens.get(k)).equals(word)) {
                    at = k;
                }
            }
            if (at >= 0) {
                return antecedent(ctx, at, word, chain - 1); // none named: not the person named after it either
            }
        }
        return found != null ? found : first;
    }

    /**
     * Whether the mention at {@code k} modifies the common noun right after it, so the noun's phrase is the one
     * meant ("Clinton campaign chairman John Podesta", "Trump supporters"): not a time ("Obama today said").
     */
    private static boolean modifiesNoun(List<Token> tokens, Cluster[] byToken, int k) {
        int e = k;
        while (e + 1 < tokens.size() && byToken[e + 1] == byToken[k]) {
            e++;
        }
        if (e + 1 >= tokens.size()) {
            return false;
        }
        Token next = tokens.get(e + 1);
        return (next.pos().equals("NN") || next.pos().equals("NNS")) && !next.capitalised()
                && next.sentence() == tokens.get(k).sentence()
                && !SpeakerFeatures.TIME_WORDS.contains(EntityFinder.lower(next));
    }

    /**
     * Whether the mention at {@code k} is the object of a preposition: the word before the mention and its
     * titles is "about", "with", "to", ... (not "by", which names an agent, nor "according to").
     */
    private static boolean afterPreposition(List<Token> tokens, Cluster[] byToken, int k) {
        int s = k;
        while (s > 0 && byToken[s - 1] == byToken[k]) {
            s--;
        }
        while (s > 0 && (EntityFinder.TITLES.contains(EntityFinder.lower(tokens.get(s - 1)))
                || tokens.get(s - 1).pos().equals("DT") || tokens.get(s - 1).pos().equals("NNP"))) {
            s--;
        }
        if (s == 0) {
            return false;
        }
        Token before = tokens.get(s - 1);
        String w = EntityFinder.lower(before);
        boolean accordingTo = w.equals("to") && s >= 2 && EntityFinder.lower(tokens.get(s - 2)).equals("according");
        return (before.pos().equals("IN") || before.pos().equals("TO")) && OBJECT_PREPOSITIONS.contains(w)
                && !accordingTo;
    }

    /**
     * The person or organisation a "who" refers to: the noun phrase before it, after a comma, a dash or nothing
     * ("Jason Ervin, who thinks", "Sen. Marco Rubio of Florida, who", "the Mexican president, who" when a person
     * holds the title, "Donald Trump - who"), or the name before an apposition ("Scott Reed, the Chamber's chief
     * strategist, who"); null when none is named.
     */
    Cluster relativeAntecedent(Context ctx, int who) {
        List<Token> tokens = ctx.doc().tokens;
        Cluster[] byToken = ctx.entities().byToken();
        int end = who;
        if (end > 0 && (tokens.get(end - 1).isPunct(',') || tokens.get(end - 1).text().matches(Attributor.DASH))) {
            end--;
        }
        int from = end;
        while (from > 0 && end - from < 12 && !ctx.inQuote()[from - 1] && (isNpToken(tokens, from - 1)
                || from >= 2 && NP_PREPOSITIONS.contains(EntityFinder.lower(tokens.get(from - 1)))
                        && isNpToken(tokens, from - 2))) {
            from--;
        }
        if (from == end) {
            return null;
        }
        Attribution phrase = resolve(ctx, from, end, -1);
        Cluster c = phrase == null ? null : phrase.entity();
        if (c == null && phrase != null && from >= 2 && tokens.get(from - 1).isPunct(',')) {
            c = byToken[from - 2]; // an apposition between commas
        }
        return c != null && (c.type.equals("PERSON") || c.type.equals("ORGANIZATION")) ? c : null;
    }
}
