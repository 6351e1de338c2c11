package io.quotewire.nlp.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.quotewire.nlp.analysis.Attributor.Attribution;
import io.quotewire.nlp.analysis.Attributor.Candidate;
import io.quotewire.nlp.analysis.Attributor.Context;
import io.quotewire.nlp.analysis.EntityFinder.Cluster;

/**
 * What the speaker model reads of a candidate: the rules that propose it and whether it is the rules' own
 * choice, what kind of mention it is (and the head of a phrase without a name), its cue, where it stands relative
 * to the quote and the cue, whether it follows a preposition or is a possessive, whether it is the article's most
 * mentioned person, what the other candidates that are the same entity bring, and a few facts of the quote.
 * Binary features by name; the speaker model weighs them ({@link AttributionModel}).
 */
final class SpeakerFeatures {

    /** Cue lemmas common enough to get a weight of their own; the others share one. */
    private static final Set<String> OWN_CUES = Set.of("say", "tell", "add", "write", "ask", "tweet", "continue",
            "explain", "note", "argue", "insist", "warn", "call", "describe", "post", "read", "report", "according");

    /** Prepositions common enough before a mention to get a weight of their own; the others share one. */
    private static final Set<String> PREPOSITIONS = Set.of("by", "of", "with", "like", "for", "on", "against", "from",
            "about", "to", "than", "at", "in");

    /**
     * Words of time that head a sentence's subject which says nothing ("Last week", "Saturday"); a time between a
     * subject and its cue ("X on Saturday said") is skipped to find the subject.
     */
    static final Set<String> TIME_WORDS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "day", "week", "weekend", "month", "year", "time",
            "today", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night", "hour", "moment");

    private SpeakerFeatures() {
    }

    /**
     * The head of a phrase without a name, the word a speaker model learns to trust or not ("a source", "the
     * memo", "the campaign"): a number or a word of time as a class, else its lemma.
     */
    private static String head(Token t) {
        String w = t.lemma() != null ? t.lemma().toLowerCase(Locale.ROOT) : EntityFinder.lower(t);
        if (t.pos().equals("CD") || w.equals("percent") || w.chars().anyMatch(Character::isDigit)) {
            return "number";
        }
        return TIME_WORDS.contains(w) ? "time" : w;
    }

    static List<String> of(Context ctx, QuoteFinder.Found q, Candidate c, List<Candidate> all) {
        int candidates = all.size();
        List<Token> tokens = ctx.doc().tokens;
        Attribution a = c.attribution();
        List<String> f = new ArrayList<>(48);
        String kind = kind(ctx, a);
        String cue = cue(tokens, a);
        f.add("kind:" + kind);
        if (kind.startsWith("phrase")) {
            f.add("phrase.head:" + head(tokens.get(a.to() - 1)));
        }
        f.add("cue:" + cue);
        if (a.cueFrom() >= 0) {
            f.add("cue.pos:" + tokens.get(a.cueFrom()).pos());
            if (a.cueFrom() > 0 && tokens.get(a.cueFrom() - 1).text().equalsIgnoreCase("to")) {
                f.add("cue:infinitive");
            }
            f.add(a.to() <= a.cueFrom() ? "mention:before-cue" : "mention:after-cue");
        }
        if (c.rulesChoice()) {
            f.add("rules.choice");
            f.add("rules.choice&candidates:" + Math.min(candidates, 3));
            f.add("rules.choice&kind:" + kind);
        }
        f.add("rank:" + Math.min(c.rank(), 3));
        for (String rule : c.rules()) {
            f.add("rule:" + rule);
            f.add("rule:" + rule + "&kind:" + kind);
            f.add("rule:" + rule + "&cue:" + cue);
        }
        f.add("rules:" + Math.min(c.rules().size(), 3));

        // where the mention stands relative to the quote
        Doc doc = ctx.doc();
        int open = doc.tokenAtOrAfter(q.openMark());
        int close = Math.max(open, doc.tokenAtOrAfter(q.afterClose()) - 1);
        int openSentence = open < tokens.size() ? tokens.get(open).sentence() : 0;
        int closeSentence = close < tokens.size() ? tokens.get(close).sentence() : openSentence;
        Token m = tokens.get(a.from());
        String side = a.to() <= open ? "before" : a.from() > close ? "after" : "inside";
        f.add("side:" + side);
        int sentences = m.sentence() < openSentence ? openSentence - m.sentence()
                : m.sentence() > closeSentence ? m.sentence() - closeSentence : 0;
        f.add("sentences:" + Math.min(sentences, 2));
        int paragraphs = Math.abs(doc.paragraphAt(q.openMark()) - m.paragraph());
        f.add("paragraphs:" + Math.min(paragraphs, 2));
        int distance = side.equals("before") ? open - a.to() : side.equals("after") ? a.from() - close : 0;
        f.add("distance:" + bucket(distance));
        f.add("side:" + side + "&kind:" + kind);
        if (a.from() == 0 || tokens.get(a.from() - 1).sentence() != m.sentence()) {
            f.add("mention:starts-sentence");
        }
        // the object of a preposition ("Like Corker, Menendez said", "obtained by The Associated Press") or a
        // possessive ("Trump's campaign") is seldom the speaker itself
        if (a.from() > 0 && tokens.get(a.from() - 1).sentence() == m.sentence()) {
            Token prev = tokens.get(a.from() - 1);
            if (prev.pos().equals("IN") || prev.pos().equals("TO")) {
                String w = prev.text().toLowerCase(Locale.ROOT);
                f.add("mention:after-preposition:" + (PREPOSITIONS.contains(w) ? w : "other"));
            }
        }
        if (a.to() < tokens.size() && tokens.get(a.to()).pos().equals("POS")) {
            f.add("mention:possessive");
        }
        if (ctx.caption()[m.sentence()]) {
            f.add("mention:caption");
        }
        Cluster e = a.entity();
        if (e != null) {
            f.add("entity.mentions:" + Math.min(e.mentions.size(), 4));
            // the article's most mentioned person
            if (e.type.equals("PERSON") && e.mentions.size() == ctx.topPersonMentions()) {
                f.add("entity:most-mentioned-person");
            }
            // the other candidates that are the same entity ("Trump ... he said"): their evidence is this one's
            int same = 0;
            for (Candidate other : all) {
                if (other != c && other.attribution().entity() == e) {
                    same++;
                    if (other.rulesChoice()) {
                        f.add("same-entity:rules.choice");
                    }
                    if (other.attribution().cueFrom() >= 0) {
                        f.add("same-entity:has-cue");
                    }
                    for (String rule : other.rules()) {
                        f.add("same-entity:rule:" + rule);
                    }
                }
            }
            f.add("same-entity:" + Math.min(same, 2));
        }

        // compared with the other candidates
        int closest = Integer.MAX_VALUE;
        int closestName = Integer.MAX_VALUE;
        int persons = 0;
        for (Candidate other : all) {
            int d = distance(doc, q, other.attribution());
            closest = Math.min(closest, d);
            if (isPerson(ctx, other.attribution())) {
                persons++;
                closestName = Math.min(closestName, d);
            }
        }
        int mine = distance(doc, q, a);
        if (mine == closest) {
            f.add("closest");
        }
        if (isPerson(ctx, a)) {
            f.add(persons == 1 ? "person:only" : mine == closestName ? "person:closest" : "person:other");
        }
        if (firstInSentence(ctx, a)) {
            f.add("mention:first-of-sentence");
            f.add("mention:first-of-sentence&side:" + side);
        }

        // the quote
        String text = q.text();
        boolean endsSentence = text.matches("(?s).*[.!?]$");
        boolean opensParagraph = ArticleLayout.opensParagraph(doc.text, q.openMark());
        int words = text.isBlank() ? 0 : text.trim().split("\\s+").length;
        String shape = (endsSentence ? "ends" : "open") + (opensParagraph ? "&opens-paragraph" : "")
                + (words < 6 ? "&short" : "");
        f.add("quote:" + shape);
        f.add("quote:" + shape + "&side:" + side);
        for (String rule : c.rules()) {
            f.add("quote:" + shape + "&rule:" + rule);
        }
        return f;
    }

    /** Tokens between the mention and the quote's nearer end; 0 inside it. */
    private static int distance(Doc doc, QuoteFinder.Found q, Attribution a) {
        int open = doc.tokenAtOrAfter(q.openMark());
        int close = doc.tokenAtOrAfter(q.afterClose());
        return a.to() <= open ? open - a.to() : a.from() >= close ? a.from() - close + 1 : 0;
    }

    private static boolean isPerson(Context ctx, Attribution a) {
        return a.entity() != null && a.entity().type.equals("PERSON");
    }

    /** No person, organisation or personal pronoun comes before the mention in its sentence (outside quotes). */
    private static boolean firstInSentence(Context ctx, Attribution a) {
        List<Token> tokens = ctx.doc().tokens;
        Cluster[] byToken = ctx.entities().byToken();
        int sentence = tokens.get(a.from()).sentence();
        for (int k = a.from() - 1; k >= 0 && tokens.get(k).sentence() == sentence; k--) {
            Cluster c = byToken[k];
            if (!ctx.inQuote()[k] && (c != null && !c.type.equals("LOCATION") || tokens.get(k).pos().equals("PRP"))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The kind of mention: a name of a type, a pronoun or a relative "who" resolved or not, a role resolved,
     * another noun phrase.
     */
    private static String kind(Context ctx, Attribution a) {
        List<Token> tokens = ctx.doc().tokens;
        Token last = tokens.get(a.to() - 1);
        Cluster e = a.entity();
        if (a.to() - a.from() == 1 && (last.pos().equals("PRP") || last.pos().equals("PRP$"))) {
            String w = EntityFinder.lower(last);
            return "pronoun:" + (w.equals("he") || w.equals("she") ? "he/she" : w) + (e == null ? "-" : "+");
        }
        if (last.pos().equals("WP")) {
            return "relative" + (e == null ? "-" : "+");
        }
        if (e != null && ctx.entities().byToken()[a.to() - 1] == e) {
            return "name:" + e.type;
        }
        if (e != null) {
            return "role+";
        }
        if (last.pos().equals("NNS") || last.pos().equals("NNPS")) {
            return "phrase:plural";
        }
        return tokens.get(a.from()).capitalised() ? "phrase:capitalised" : "phrase";
    }

    private static String cue(List<Token> tokens, Attribution a) {
        if (a.cueFrom() < 0) {
            return "none";
        }
        Token t = tokens.get(a.cueFrom());
        String lemma = t.text().equalsIgnoreCase("according") ? "according" : t.lemma().toLowerCase(Locale.ROOT);
        if (OWN_CUES.contains(lemma)) {
            return lemma;
        }
        if (Attributor.PARTIAL_ONLY.contains(lemma)) {
            return "partial-only";
        }
        return Attributor.isCue(t) ? "other-cue" : "no-cue";
    }

    private static String bucket(int distance) {
        return distance <= 1 ? "0-1" : distance <= 4 ? "2-4" : distance <= 10 ? "5-10" : distance <= 25 ? "11-25" : "26+";
    }
}
