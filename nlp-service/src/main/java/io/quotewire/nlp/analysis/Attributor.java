package io.quotewire.nlp.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.quotewire.nlp.analysis.EntityFinder.Cluster;

/**
 * Who said each quote, by the conventions of news writing: {@code “...,” X said}, {@code said X},
 * {@code X said: “...”}, {@code X, who replied: “...”}, {@code X told the AP: “...”}, {@code according to X},
 * a partial quote inside a sentence with its cue, a second quote of the same paragraph, and a quote
 * paragraph that continues the previous paragraph's speaker. The speaker mention is the name, pronoun or
 * noun phrase next to the cue, and {@link Speakers} says who it is. The rules propose candidates, the speaker
 * model ({@link AttributionModel}) chooses among them. When nothing is certain the speaker's entity stays empty
 * rather than wrong.
 */
final class Attributor {

    static final Set<String> CUE_LEMMAS = Set.of("say", "tell", "add", "ask", "reply", "explain", "note", "state",
            "declare", "insist", "argue", "write", "tweet", "continue", "warn", "acknowledge", "announce", "claim",
            "remark", "respond", "answer", "recall", "admit", "suggest", "concede", "counter", "observe", "conclude",
            "emphasize", "emphasise", "stress", "predict", "promise", "vow", "complain", "joke", "quip", "testify",
            "caution", "allege", "assert", "confirm", "deny", "urge", "plead", "shout", "exclaim", "whisper",
            "mutter", "sigh", "report", "maintain", "contend", "lament", "boast", "agree", "post", "reiterate",
            "recount", "begin", "tout", "proclaim", "retort", "muse", "demand", "wonder", "interject", "thunder",
            "comment", "read", "call", "describe", "label", "brand", "dub", "term", "condemn", "denounce", "praise",
            "criticize", "criticise", "accuse", "dismiss", "characterize", "characterise", "quote", "cite", "shoot",
            "pledge", "chant");
    /** Cues that attribute only a quote in their own sentence ("called it “a disgrace”"), not a later one. */
    static final Set<String> PARTIAL_ONLY = Set.of("call", "describe", "label", "brand", "dub", "term", "condemn",
            "denounce", "praise", "criticize", "criticise", "accuse", "dismiss", "characterize", "characterise",
            "cite", "quote");
    /** A dash that introduces a speaker: “...” ― X. */
    static final String DASH = "[\u2015\u2014\u2013-]+|--";

    private final Speakers speakers;
    private final AttributionModel model;

    Attributor(Genders genders, AttributionModel model) {
        this.speakers = new Speakers(genders);
        this.model = model;
    }

    /**
     * A speaker found for a quote: the mention tokens {@code [from, to)}, the cue token ({@code cueFrom} -1 when
     * there is none), the resolved entity.
     */
    record Attribution(int from, int to, int cueFrom, int cueTo, Cluster entity) {
    }

    /**
     * What the rules read of the whole article: its tokens and entities, which tokens are quoted, which are the
     * title of a work in quotation marks (“Face the Nation”: no one in it speaks), which sentences are captions,
     * which tokens a dateline, and the mentions of its most mentioned person.
     */
    record Context(Doc doc, EntityFinder.Result entities, boolean[] inQuote, boolean[] inTitle, boolean[] caption,
            boolean[] dateline, int topPersonMentions) {
    }

    /** A speaker that one of the rules proposes for a quote. */
    record Proposal(Attribution attribution, String rule) {
    }

    /**
     * A speaker candidate of a quote: the mention, the rules that propose it ({@code rules}, in order of first
     * proposal), the index of its first proposal among the quote's, and whether it is the rules' own choice.
     */
    record Candidate(Attribution attribution, Set<String> rules, int rank, boolean rulesChoice) {
    }

    /**
     * What the analysis reports of quoted words: whether they are a quote at all (not a title, a scare quote,
     * a nickname), and their speaker, or null when there is no candidate.
     */
    record Attributed(boolean quote, Attribution speaker) {
    }

    /**
     * What the models read of one quote: its candidates, each one's features for the speaker model (in the same
     * order), and the quote's features for the quote model. The analysis and the training read the same.
     */
    record Read(List<Candidate> candidates, List<List<String>> speakerFeatures, List<String> quoteFeatures, int chosen) {
    }

    /**
     * Chooses a quote's speaker among its candidates by what the speaker model reads of each: the index of the
     * choice, or -1 for none. The choice for one quote is the speaker a quote continuing it inherits.
     */
    interface Chooser {
        int choose(List<Candidate> candidates, List<List<String>> speakerFeatures);
    }

    /** The rules' own choice. */
    static final Chooser RULES = (candidates, features) -> {
        for (int c = 0; c < candidates.size(); c++) {
            if (candidates.get(c).rulesChoice()) {
                return c;
            }
        }
        return -1;
    };

    /** The candidate a speaker model scores highest. */
    static Chooser highest(AttributionModel.Linear speaker) {
        return (candidates, features) -> {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < candidates.size(); c++) {
                double score = speaker.score(features.get(c));
                if (score > bestScore) {
                    best = c;
                    bestScore = score;
                }
            }
            return best;
        };
    }

    /**
     * Each quote's speaker, the candidate the speaker model scores highest, chosen in the order of the quotes
     * (a quote continuing another inherits the speaker chosen for it); and whether it is a quote.
     */
    List<Attributed> attribute(Doc doc, EntityFinder.Result entities, List<QuoteFinder.Found> quotes,
            List<QuoteFinder.Found> titles) {
        List<Read> read = read(doc, entities, quotes, titles, highest(model.speaker()));
        List<Attributed> result = new ArrayList<>(quotes.size());
        for (int i = 0; i < quotes.size(); i++) {
            Read r = read.get(i);
            boolean quote = model.isQuote(quotes.get(i).text(), r.quoteFeatures());
            result.add(new Attributed(quote, r.chosen() < 0 ? null : r.candidates().get(r.chosen()).attribution()));
        }
        return result;
    }

    /**
     * Each quote's candidates and what the models read of them and of the quote, in the order of the quotes,
     * with the speaker {@code chooser} picks for each: the one a quote continuing it inherits.
     */
    List<Read> read(Doc doc, EntityFinder.Result entities, List<QuoteFinder.Found> quotes, List<QuoteFinder.Found> titles,
            Chooser chooser) {
        Context ctx = context(doc, entities, quotes, titles);
        List<List<Proposal>> proposals = new ArrayList<>(quotes.size());
        for (QuoteFinder.Found q : quotes) {
            proposals.add(direct(ctx, q));
        }
        List<Attribution> chosen = new ArrayList<>(quotes.size());
        List<Read> read = new ArrayList<>(quotes.size());
        for (int i = 0; i < quotes.size(); i++) {
            QuoteFinder.Found q = quotes.get(i);
            List<Candidate> mine = candidates(ctx, quotes, proposals, chosen, i);
            List<List<String>> features = new ArrayList<>(mine.size());
            for (Candidate c : mine) {
                features.add(SpeakerFeatures.of(ctx, q, c, mine));
            }
            int choice = chooser.choose(mine, features);
            chosen.add(choice < 0 ? null : mine.get(choice).attribution());
            read.add(new Read(mine, features, QuoteFeatures.of(ctx, q, mine), choice));
        }
        return read;
    }

    private Context context(Doc doc, EntityFinder.Result entities, List<QuoteFinder.Found> quotes,
            List<QuoteFinder.Found> titles) {
        int topPersonMentions = entities.clusters().stream().filter(c -> c.type.equals("PERSON"))
                .mapToInt(c -> c.mentions.size()).max().orElse(0);
        boolean[] inQuote = ArticleLayout.marked(doc, quotes);
        boolean[] inTitle = ArticleLayout.marked(doc, titles);
        return new Context(doc, entities, inQuote, inTitle, ArticleLayout.captions(doc, inQuote, inTitle),
                ArticleLayout.datelines(doc), topPersonMentions);
    }

    /**
     * A quote's candidate speakers: what each rule proposes from the words around the quote, and what the quotes
     * next to it bring (the speaker chosen for the quote before it in the paragraph, or for the previous
     * paragraph's last quote when this one opens its paragraph; the subject of the sentence before; the first
     * proposal of the quote after it in the paragraph). The rules' own choice is marked: the first direct
     * proposal; for a quote with none, the speaker chosen for the quote it continues, else the subject of the
     * sentence before, else the next quote's.
     */
    private List<Candidate> candidates(Context ctx, List<QuoteFinder.Found> quotes, List<List<Proposal>> proposals,
            List<Attribution> chosen, int i) {
        Doc doc = ctx.doc;
        QuoteFinder.Found q = quotes.get(i);
        int paragraph = doc.paragraphAt(q.openMark());
        List<Proposal> inherited = new ArrayList<>();
        if (i > 0 && chosen.get(i - 1) != null) {
            int prevParagraph = doc.paragraphAt(quotes.get(i - 1).openMark());
            if (prevParagraph == paragraph) {
                inherited.add(new Proposal(chosen.get(i - 1), "continues.paragraph"));
            } else if (prevParagraph == paragraph - 1 && ArticleLayout.opensParagraph(doc.text, q.openMark())) {
                boolean cueBetween = hasCueBetween(ctx, quotes.get(i - 1), q, chosen.get(i - 1));
                inherited.add(new Proposal(chosen.get(i - 1), cueBetween ? "continues.after-cue" : "continues.previous"));
            }
        }
        Attribution previous = previousSentence(ctx, q);
        if (previous != null) {
            inherited.add(new Proposal(previous, "previous.sentence"));
        }
        if (i + 1 < quotes.size() && !proposals.get(i + 1).isEmpty()
                && doc.paragraphAt(quotes.get(i + 1).openMark()) == paragraph) {
            inherited.add(new Proposal(proposals.get(i + 1).get(0).attribution(), "next.quote"));
        }
        Attribution rulesChoice = proposals.get(i).isEmpty() ? null : proposals.get(i).get(0).attribution();
        if (rulesChoice == null) {
            for (Proposal p : inherited) {
                if (!p.rule().equals("continues.after-cue")) {
                    rulesChoice = p.attribution();
                    break;
                }
            }
        }
        List<Proposal> mine = new ArrayList<>(proposals.get(i));
        mine.addAll(inherited);
        mine.addAll(nearby(ctx, q));
        mine.removeIf(p -> ctx.dateline[p.attribution().from()]); // whichever rule reached into a dateline
        return merge(mine, rulesChoice);
    }

    /**
     * Every person, organisation, personal pronoun and relative "who" named near the quote, whatever the parts of speech
     * around it say (a tagger that reads "Skip" in "said Skip Rutherford" as a verb breaks the noun phrase
     * rules): outside quotes and captions, from the sentence before the quote's to the sentence after it, in
     * the quote's paragraph. Each comes with the nearest cue within three tokens, if any (else its cue is {@code -1}).
     */
    private List<Proposal> nearby(Context ctx, QuoteFinder.Found q) {
        List<Token> tokens = ctx.doc.tokens;
        Cluster[] byToken = ctx.entities.byToken();
        int open = ctx.doc.tokenAtOrAfter(q.openMark());
        int close = ctx.doc.tokenAtOrAfter(q.afterClose());
        if (open >= tokens.size()) {
            return List.of();
        }
        int paragraph = tokens.get(open).paragraph();
        int firstSentence = tokens.get(open).sentence() - 1;
        int lastSentence = (close < tokens.size() ? tokens.get(close) : tokens.get(tokens.size() - 1)).sentence() + 1;
        int from = open;
        while (from > 0 && tokens.get(from - 1).sentence() >= firstSentence && tokens.get(from - 1).paragraph() == paragraph) {
            from--;
        }
        List<Proposal> proposals = new ArrayList<>();
        int to = from;
        while (to < tokens.size() && tokens.get(to).sentence() <= lastSentence && tokens.get(to).paragraph() == paragraph) {
            to++;
        }
        mentions(ctx, from, to, "nearby", proposals);
        // a quote that opens its paragraph: the last sentence of the paragraph before ("Stated Stone:", "..., saying")
        if (from > 0 && from == open && ArticleLayout.opensParagraph(ctx.doc.text, q.openMark())) {
            int before = from;
            while (before > 0 && tokens.get(before - 1).sentence() == tokens.get(from - 1).sentence()) {
                before--;
            }
            mentions(ctx, before, from, "nearby.previous-paragraph", proposals);
        }
        // a quote paragraph followed by a line "- Name." (the fact-checkers' format)
        int next = close;
        while (next < tokens.size() && tokens.get(next).paragraph() == paragraph) {
            next++;
        }
        if (next + 1 < tokens.size() && tokens.get(next).paragraph() == paragraph + 1
                && tokens.get(next).text().matches(DASH)) {
            int s = next + 1; // "- President Obama, tweeting after ..."
            while (s + 1 < tokens.size() && byToken[s] == null && tokens.get(s).paragraph() == paragraph + 1
                    && EntityFinder.TITLES.contains(EntityFinder.lower(tokens.get(s)))) {
                s++;
            }
            Cluster c = byToken[s];
            if (c != null && (c.type.equals("PERSON") || c.type.equals("ORGANIZATION"))) {
                int e = s;
                while (e < tokens.size() && byToken[e] == c) {
                    e++;
                }
                proposals.add(new Proposal(new Attribution(s, e, next, next + 1, c), "dash.next-paragraph"));
            }
        }
        return proposals;
    }

    /**
     * The persons, organisations, personal pronouns and relative "who" among tokens {@code [from, to)}, outside
     * quotes, titles and captions, each with the nearest cue within three tokens: proposed by {@code rule}, or by
     * {@code rule + ".cue"} when it has a cue.
     */
    private void mentions(Context ctx, int from, int to, String rule, List<Proposal> proposals) {
        List<Token> tokens = ctx.doc.tokens;
        Cluster[] byToken = ctx.entities.byToken();
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (ctx.inQuote[k] || ctx.inTitle[k] || ctx.caption[t.sentence()]) {
                continue;
            }
            Cluster c = byToken[k];
            boolean named = c != null && (c.type.equals("PERSON") || c.type.equals("ORGANIZATION"))
                    && (k == 0 || byToken[k - 1] != c);
            boolean pronoun = t.pos().equals("PRP") && Speakers.PERSONAL.contains(EntityFinder.lower(t));
            boolean relative = t.pos().equals("WP") && EntityFinder.lower(t).equals("who");
            if (!named && !pronoun && !relative) {
                Attribution possessive = speakers.possessive(ctx, k);
                if (possessive != null) {
                    proposals.add(new Proposal(possessive, rule + ".possessive"));
                }
                continue;
            }
            int e = k + 1;
            while (named && e < tokens.size() && byToken[e] == c) {
                e++;
            }
            int cue = -1;
            for (int d = 1; d <= 3 && cue < 0; d++) {
                if (e - 1 + d < tokens.size() && !ctx.inQuote[e - 1 + d] && isCue(tokens.get(e - 1 + d))) {
                    cue = e - 1 + d;
                } else if (k - d >= 0 && !ctx.inQuote[k - d] && isCue(tokens.get(k - d))) {
                    cue = k - d;
                }
            }
            Attribution a = named ? new Attribution(k, e, cue, cue + 1, c)
                    : relative ? new Attribution(k, k + 1, cue, cue + 1, speakers.relativeAntecedent(ctx, k))
                    : speakers.resolve(ctx, k, k + 1, cue);
            if (a != null) {
                proposals.add(new Proposal(a, cue < 0 ? rule : rule + ".cue"));
            }
        }
    }

    /** One candidate per mention, with every rule that proposes it. */
    private static List<Candidate> merge(List<Proposal> proposals, Attribution rulesChoice) {
        List<Candidate> candidates = new ArrayList<>();
        for (int r = 0; r < proposals.size(); r++) {
            Proposal p = proposals.get(r);
            Candidate same = null;
            for (Candidate c : candidates) {
                if (c.attribution().from() == p.attribution().from() && c.attribution().to() == p.attribution().to()) {
                    same = c;
                }
            }
            if (same != null) {
                same.rules().add(p.rule());
            } else {
                Set<String> rules = new java.util.LinkedHashSet<>();
                rules.add(p.rule());
                candidates.add(new Candidate(p.attribution(), rules, r, rulesChoice != null
                        && rulesChoice.from() == p.attribution().from() && rulesChoice.to() == p.attribution().to()));
            }
        }
        return candidates;
    }

    /** Text between two quotes that names someone else saying something breaks the continuation. */
    private boolean hasCueBetween(Context ctx, QuoteFinder.Found a, QuoteFinder.Found b, Attribution ofA) {
        int from = ctx.doc.tokenAtOrAfter(a.afterClose());
        int to = ctx.doc.tokenAtOrAfter(b.openMark());
        for (int k = from; k < to; k++) {
            if (!ctx.inQuote[k] && isCue(ctx.doc.tokens.get(k)) && (k < ofA.cueFrom() || k >= ofA.cueTo())) {
                return true;
            }
        }
        return false;
    }

    /**
     * What each rule proposes for a quote from the words around it, in the rules' order of preference: the
     * first is the rules' own choice.
     */
    private List<Proposal> direct(Context ctx, QuoteFinder.Found q) {
        Doc doc = ctx.doc;
        int openToken = doc.tokenAtOrAfter(q.openMark());
        int afterClose = doc.tokenAtOrAfter(q.afterClose());
        int paragraph = doc.paragraphAt(q.openMark());
        List<Proposal> proposals = new ArrayList<>();
        // 1. right after the quote: “...,” X said / said X / X, the ..., said. A quote that ends its own
        // sentence ("...") looks before itself first: the next sentence may be someone else's.
        boolean endsSentence = q.text().matches("(?s).*[.!?]$");
        Attribution after = trailing(ctx, afterClose, paragraph);
        if (after != null && !endsSentence) {
            proposals.add(new Proposal(after, "after"));
        }
        // 2. before it in its sentence, nearest cue first
        proposals.addAll(leading(ctx, q, openToken));
        if (after != null && endsSentence) {
            proposals.add(new Proposal(after, "after"));
        }
        // 3. later in the quote's sentence: “...” to drive up the price, she said
        Attribution later = laterInSentence(ctx, afterClose, paragraph);
        if (later != null) {
            proposals.add(new Proposal(later, "later"));
        }
        // 4. a partial quote inside a sentence whose subject acts on it: X likened the rules to “...”
        Attribution subject = subjectOf(ctx, openToken);
        if (subject != null) {
            proposals.add(new Proposal(subject, "subject"));
        }
        return proposals;
    }

    private Attribution subjectOf(Context ctx, int openToken) {
        List<Token> tokens = ctx.doc.tokens;
        if (openToken <= 0 || openToken >= tokens.size() || ctx.inQuote[openToken - 1]) {
            return null;
        }
        int sentence = tokens.get(openToken).sentence();
        int from = openToken;
        while (from > 0 && tokens.get(from - 1).sentence() == sentence) {
            from--;
        }
        if (from == openToken || ctx.caption[sentence]) {
            return null;
        }
        // skip a dateline ("JACKSON, Miss. - U.S. District Judge ...") and an introductory phrase ("Following
        // Monday's debate, X ...")
        int s = afterDateline(ctx, from, openToken);
        if (tokens.get(s).pos().equals("IN") || tokens.get(s).pos().equals("RB") || tokens.get(s).pos().equals("VBG")) {
            while (s < openToken && !tokens.get(s).isPunct(',')) {
                s++;
            }
            s++;
        }
        int e = s;
        while (e < openToken && (Speakers.isNpToken(tokens, e) || tokens.get(e).isPunct(',') && e > s)) {
            e++;
        }
        int end = e;
        while (end > s && tokens.get(end - 1).isPunct(',')) {
            end--;
        }
        if (end <= s || e >= openToken) {
            return null;
        }
        int v = e;
        while (v < openToken && (tokens.get(v).pos().equals("RB") || tokens.get(v).pos().equals("MD"))) {
            v++;
        }
        if (v >= openToken || !tokens.get(v).pos().startsWith("VB")) {
            return null;
        }
        // the first noun group is the subject; an apposition after it ("Another critic, Laurence H. Tribe,") too
        int first = s;
        while (first < end && !tokens.get(first).isPunct(',')) {
            first++;
        }
        Attribution a = speakers.resolve(ctx, s, first, v);
        if (a != null && a.entity() == null && first < end) {
            Attribution appos = speakers.resolve(ctx, first + 1, end, v);
            if (appos != null && appos.entity() != null) {
                return appos;
            }
        }
        return a;
    }

    private Attribution laterInSentence(Context ctx, int k, int paragraph) {
        List<Token> tokens = ctx.doc.tokens;
        if (k >= tokens.size() || k == 0) {
            return null;
        }
        int sentence = tokens.get(k - 1).sentence();
        for (int c = k; c < tokens.size() && tokens.get(c).sentence() == sentence && tokens.get(c).paragraph() == paragraph; c++) {
            if (ctx.inQuote[c]) {
                return null;
            }
            Token t = tokens.get(c);
            if (isCue(t) && !PARTIAL_ONLY.contains(t.lemma()) && !t.pos().equals("VBN") && !t.pos().equals("VBG")
                    && c > k && (tokens.get(c - 1).pos().equals("PRP") || tokens.get(c - 1).isNoun())) {
                return speakerBefore(ctx, c, k);
            }
        }
        return null;
    }

    /** Before the quote in its sentence, nearest cue first: X said: “...” / X, who replied: “...” / according to X, “...”. */
    private List<Proposal> leading(Context ctx, QuoteFinder.Found q, int openToken) {
        Doc doc = ctx.doc;
        List<Token> tokens = doc.tokens;
        // 2. before it in its sentence: X said: “...” / X, who replied: “...” / according to X, “...”
        int sentence = openToken < tokens.size() ? tokens.get(openToken).sentence() : -1;
        int from = openToken;
        while (from > 0 && tokens.get(from - 1).sentence() == sentence && !ctx.inQuote[from - 1]) {
            from--;
        }
        // a line that ends with a colon introduces the quote paragraph that follows
        if (from == openToken && ArticleLayout.opensParagraph(doc.text, q.openMark()) && openToken > 0
                && tokens.get(openToken - 1).isPunct(':') && !ctx.inQuote[openToken - 1]) {
            int s = tokens.get(openToken - 1).sentence();
            from = openToken - 1;
            while (from > 0 && tokens.get(from - 1).sentence() == s && !ctx.inQuote[from - 1]) {
                from--;
            }
        }
        List<Proposal> proposals = new ArrayList<>();
        add(proposals, namedBeforeColon(ctx, openToken, from), "colon.name");
        for (int k = openToken - 1; k >= from; k--) {
            Token t = tokens.get(k);
            if (isAccordingTo(tokens, k)) {
                add(proposals, speakerAfter(ctx, k + 2, openToken, k, k + 2), "according");
            }
            if (isCue(t) && t.pos().equals("VBG")) {
                add(proposals, sentenceSubject(ctx, from, k), "participle");
            }
            if (isCue(t) && (!t.pos().equals("VBN") || hasSubjectBefore(tokens, k, from) || introducesColon(tokens, k, from, openToken))) {
                add(proposals, speakerBefore(ctx, k, from), "cue.subject");
                add(proposals, speakerAfter(ctx, k + 1, openToken, k, k + 1), "cue.object");
            }
        }
        return proposals;
    }

    /** A person or organisation named right before the colon that introduces the quote: "- Philip Bump: “...”". */
    private static Attribution namedBeforeColon(Context ctx, int openToken, int from) {
        int colon = openToken - 1;
        if (colon - 1 < from || !ctx.doc.tokens.get(colon).isPunct(':') || ctx.inQuote[colon - 1]
                || ctx.caption[ctx.doc.tokens.get(colon).sentence()]) {
            return null;
        }
        Cluster c = ctx.entities.byToken()[colon - 1];
        if (c == null || !c.type.equals("PERSON") && !c.type.equals("ORGANIZATION")) {
            return null;
        }
        int start = colon - 1 - Speakers.span(ctx.entities.byToken(), colon - 1, from);
        return new Attribution(start, colon, -1, 0, c); // no cue, as in mentions()
    }

    private static void add(List<Proposal> proposals, Attribution a, String rule) {
        if (a != null) {
            proposals.add(new Proposal(a, rule));
        }
    }

    /**
     * A quote after a sentence of the same paragraph that attributes ("Schiff said the delay was
     * deliberate. “The other factor ...”") or whose subject is a person, takes that speaker.
     */
    private Attribution previousSentence(Context ctx, QuoteFinder.Found q) {
        List<Token> tokens = ctx.doc.tokens;
        int k = ctx.doc.tokenAtOrAfter(q.openMark()) - 1;
        if (k < 0 || ctx.inQuote[k] || tokens.get(k).paragraph() != ctx.doc.paragraphAt(q.openMark())) {
            return null;
        }
        int sentence = tokens.get(k).sentence();
        int from = k;
        while (from > 0 && tokens.get(from - 1).sentence() == sentence) {
            from--;
        }
        if (tokens.get(from).paragraph() != tokens.get(k).paragraph()) {
            return null;
        }
        for (int c = from; c <= k; c++) {
            Token t = tokens.get(c);
            if (!ctx.inQuote[c] && isCue(t) && !PARTIAL_ONLY.contains(t.lemma()) && !t.pos().equals("VBN")) {
                Attribution a = speakerBefore(ctx, c, from);
                if (a != null) {
                    return a;
                }
            }
        }
        // the sentence's subject is a named person
        Cluster[] byToken = ctx.entities.byToken();
        int s = afterDateline(ctx, from, k + 1);
        while (s <= k && (tokens.get(s).pos().equals("DT") || tokens.get(s).pos().equals("JJ")
                || EntityFinder.TITLES.contains(EntityFinder.lower(tokens.get(s))))) {
            s++;
        }
        if (s <= k && byToken[s] != null && byToken[s].type.equals("PERSON") && !ctx.caption[sentence]) {
            int e = s;
            while (e <= k && byToken[e] == byToken[s]) {
                e++;
            }
            if (e <= k && tokens.get(e).pos().startsWith("VB")) {
                return new Attribution(s, e, e, e + 1, byToken[s]);
            }
        }
        return null;
    }

    /** The subject of a sentence before a participle cue ("..., saying"): its first person or pronoun. */
    private Attribution sentenceSubject(Context ctx, int from, int cue) {
        List<Token> tokens = ctx.doc.tokens;
        Cluster[] byToken = ctx.entities.byToken();
        for (int k = from; k < cue; k++) {
            if (ctx.inQuote[k] || ctx.inTitle[k] || ctx.dateline[k]) {
                continue;
            }
            Cluster c = byToken[k];
            if (c != null && (c.type.equals("PERSON") || c.type.equals("ORGANIZATION"))) {
                int e = k;
                while (e < cue && byToken[e] == c) {
                    e++;
                }
                return new Attribution(k, e, cue, cue + 1, c);
            }
            if (tokens.get(k).pos().equals("PRP") && Speakers.PERSONAL.contains(EntityFinder.lower(tokens.get(k)))) {
                return speakers.resolve(ctx, k, k + 1, cue);
            }
        }
        return null;
    }

    /**
     * Whether a cue the tagger read as a participle introduces the quote after a colon, as a past tense does:
     * "Another person tweeted: “...”", or first in its sentence, "Stated Stone: “...”".
     */
    private static boolean introducesColon(List<Token> tokens, int k, int from, int openToken) {
        if (k + 1 < openToken && tokens.get(k + 1).isPunct(':')) {
            return true;
        }
        // first in its sentence, the speaker's few words between it and the colon
        return k == from && openToken - 1 > k + 1 && openToken - 1 <= k + 5 && tokens.get(openToken - 1).isPunct(':');
    }

    private static boolean hasSubjectBefore(List<Token> tokens, int k, int from) {
        return k - 1 >= from && (tokens.get(k - 1).lemma().equals("have") || tokens.get(k - 1).lemma().equals("be"));
    }

    private static boolean isAccordingTo(List<Token> tokens, int k) {
        return k + 1 < tokens.size() && tokens.get(k).text().equalsIgnoreCase("according")
                && tokens.get(k + 1).text().equalsIgnoreCase("to");
    }

    static boolean isCue(Token t) {
        return t.pos().startsWith("VB") && CUE_LEMMAS.contains(t.lemma().toLowerCase(Locale.ROOT))
                || t.text().equals("Said") || t.text().equals("Says");
    }

    /** Cues the tagger reads as nouns after a noun phrase: “...,” the document states / the editorial read. */
    private static final Set<String> NOUN_LIKE_CUES = Set.of("state", "read", "note", "tweet", "write", "add", "post");

    /**
     * A cue verb the tagger took for the head of the noun phrase before it ("the Saudis state in the white
     * paper", "the editorial read."): a noun of {@link #NOUN_LIKE_CUES} after a noun or an adjective, and not a
     * modifier itself (no noun or adjective after it, as in "the state budget").
     */
    private static boolean isCueTaggedAsNoun(List<Token> tokens, int k) {
        Token t = tokens.get(k);
        if (!t.pos().equals("NN") && !t.pos().equals("NNS") || !NOUN_LIKE_CUES.contains(t.lemma().toLowerCase(Locale.ROOT))
                || k == 0) {
            return false;
        }
        Token before = tokens.get(k - 1);
        if (!before.isNoun() && !before.pos().startsWith("JJ")) {
            return false;
        }
        if (k + 1 >= tokens.size() || tokens.get(k + 1).sentence() != t.sentence()) {
            return true;
        }
        Token after = tokens.get(k + 1);
        return !after.isNoun() && !after.pos().startsWith("JJ") && !after.pos().equals("POS");
    }

    /** After the closing mark: [,] NP CUE | [,] CUE NP | [,] according to NP; within a few tokens. */
    private Attribution trailing(Context ctx, int k, int paragraph) {
        List<Token> tokens = ctx.doc.tokens;
        int limit = Math.min(tokens.size(), k + 14);
        int start = k;
        while (start < limit && (tokens.get(start).isPunct(',') || tokens.get(start).pos().equals("''"))) {
            start++;
        }
        if (start >= limit || tokens.get(start).paragraph() != paragraph || ctx.inQuote[start]
                || tokens.get(start).pos().equals("CC")) {
            return null; // “...,” and she called him “...”: a clause of its own, not the quote's attribution
        }
        Token first = tokens.get(start);
        if (first.text().matches(DASH) && start + 1 < limit) {
            Attribution a = speakerAfter(ctx, start + 1, limit, start, start + 1);
            if (a != null) {
                return a;
            }
        }
        if (isAccordingTo(tokens, start)) {
            return speakerAfter(ctx, start + 2, limit, start, start + 2);
        }
        if (isCue(first)) {
            Attribution a = speakerAfter(ctx, start + 1, limit, start, start + 1);
            if (a != null) {
                return a;
            }
        }
        // NP (with an apposition between commas) then the cue, possibly after an adverb or auxiliary
        for (int c = start; c < limit; c++) {
            Token t = tokens.get(c);
            if (ctx.inQuote[c] || t.paragraph() != paragraph) {
                return null;
            }
            if (t.pos().equals("-LRB-")) {
                c = closingParen(tokens, c, limit);
                continue;
            }
            if ((isCue(t) || isCueTaggedAsNoun(tokens, c)) && c > start) {
                return speakerBefore(ctx, c, start);
            }
            if (!Speakers.isNpToken(tokens, c) && !t.isPunct(',') && !t.pos().equals("RB") && !t.pos().equals("MD")
                    && !t.lemma().equals("have") && !t.lemma().equals("be") && !t.text().equals("of")
                    && !t.pos().equals("WP") && !t.pos().equals("CC")
                    && !Speakers.NP_PREPOSITIONS.contains(EntityFinder.lower(t))) {
                return null;
            }
        }
        return null;
    }

    private static int closingParen(List<Token> tokens, int open, int limit) {
        for (int k = open + 1; k < limit && k < open + 12; k++) {
            if (tokens.get(k).pos().equals("-RRB-")) {
                return k;
            }
        }
        return open;
    }

    /** The subject of the cue at {@code cue}: the noun phrase before it (skipping adverbs, auxiliaries, "who"). */
    private Attribution speakerBefore(Context ctx, int cue, int from) {
        List<Token> tokens = ctx.doc.tokens;
        int k = cue - 1;
        while (true) { // adverbs, auxiliaries and times, in any order: "X on Saturday also said"
            while (k >= from && (tokens.get(k).pos().equals("RB") || tokens.get(k).pos().equals("MD")
                    || tokens.get(k).lemma().equals("have") || tokens.get(k).lemma().equals("be")
                    && tokens.get(k).pos().startsWith("VB"))) {
                k--;
            }
            int time = beforeTime(tokens, k, from);
            if (time == k) {
                break;
            }
            k = time;
        }
        if (k >= from && (tokens.get(k).pos().equals("WP") || tokens.get(k).pos().equals("WDT"))) {
            k--; // X, who said
            if (k >= from && tokens.get(k).isPunct(',')) {
                k--;
            }
        }
        k = skipParenBack(tokens, k, from);
        // an apposition or relative clause between commas: X, the commander of Y, said / X, who runs Z, said
        if (k >= from && tokens.get(k).isPunct(',')) {
            int j = k - 1;
            while (j >= from && j > k - 30 && !tokens.get(j).isPunct(',') && !ctx.inQuote[j] && !isCue(tokens.get(j))) {
                j--;
            }
            if (j >= from && tokens.get(j).isPunct(',')) {
                int npEnd = skipParenBack(tokens, j - 1, from) + 1;
                int npStart = npStart(tokens, npEnd, from);
                Attribution a = npStart < npEnd ? speakers.resolve(ctx, npStart, npEnd, cue) : null;
                if (isPerson(a)) {
                    return a;
                }
                int appStart = npStart(tokens, k, j + 1);
                Attribution appos = appStart < k ? speakers.resolve(ctx, appStart, k, cue) : null;
                // a phrase, then the person's name: "Smith's spokesman, John Dole, said", "The mayor of Chicago,
                // Rahm Emanuel, told"; not a person named inside a phrase ("..., led by Loretta Lynch, said")
                boolean inPhrase = a != null && a.entity() != null && (a.from() > npStart || npStart > from
                        && tokens.get(npStart - 1).pos().equals("IN"));
                boolean namesNoOneItHeads = a == null || a.entity() == null || inPhrase;
                if (isPerson(appos) && appStart == j + 1 && namesNoOneItHeads) {
                    return appos;
                }
                Attribution chosen = a != null && (a.entity() != null || !isPerson(appos)) ? a : appos;
                if (!isPerson(chosen) && namesNoOneItHeads) {
                    // the person the apposition is about, before it: "Dean Johnson, a salesman from Sumter,
                    // South Carolina, says", "Cory James, 22, of Flint, Mich., said"
                    Attribution person = personBeforeApposition(ctx, npStart, from, cue);
                    if (person != null) {
                        return person;
                    }
                }
                return chosen;
            }
            return null;
        }
        int end = k + 1;
        int start = npStart(tokens, end, from);
        Cluster[] byToken = ctx.entities().byToken();
        while (start > from && start < end && byToken[start] != null && byToken[start - 1] == byToken[start]) {
            start--; // the whole name, a nickname in quotation marks included: Hector “Macho” Camacho
        }
        if (start >= end) {
            return null;
        }
        return speakers.resolve(ctx, start, end, cue);
    }

    private static boolean isPerson(Attribution a) {
        return a != null && a.entity() != null && a.entity().type.equals("PERSON");
    }

    /**
     * The person named by the noun phrase that a chain of appositions ending at {@code at} follows: back over at
     * most three segments between commas (a phrase, a number, a place, a prepositional phrase, a relative clause),
     * none holding a quote, a cue or another clause's verb, to a segment that is a person's name and nothing else.
     */
    private Attribution personBeforeApposition(Context ctx, int at, int from, int cue) {
        List<Token> tokens = ctx.doc.tokens;
        int c = at - 1;
        while (c >= from && tokens.get(c).pos().equals("IN")) {
            c--; // "..., of Flint, Mich."
        }
        for (int segments = 0; segments < 3 && c > from && tokens.get(c).isPunct(','); segments++) {
            int s = c;
            while (s - 1 >= from && c - s < 30 && !tokens.get(s - 1).isPunct(',')) {
                s--;
            }
            if (s == c || s > from && !tokens.get(s - 1).isPunct(',')) {
                return null; // empty, or longer than an apposition
            }
            boolean relative = tokens.get(s).pos().equals("WP") || tokens.get(s).pos().equals("WDT");
            for (int t = s; t < c; t++) {
                if (ctx.inQuote[t] || isCue(tokens.get(t)) || !relative && tokens.get(t).isFiniteVerb()) {
                    return null;
                }
            }
            int npEnd = skipParenBack(tokens, c - 1, s) + 1;
            if (!relative && npStart(tokens, npEnd, s) == s) {
                Attribution a = speakers.resolve(ctx, s, npEnd, cue);
                if (isPerson(a) && a.to() == npEnd) {
                    return a;
                }
            }
            c = s - 1;
        }
        return null;
    }

    /** The words before a time's own word ({@link SpeakerFeatures#TIME_WORDS}): "earlier this week", "on Tuesday". */
    private static final Set<String> TIME_MODIFIERS = Set.of("on", "at", "during", "over", "late", "early", "earlier",
            "later", "last", "this", "next", "past", "the");

    /**
     * From a time phrase ending at {@code k} ("on Saturday", "later Thursday", "last week"), the token before it;
     * else {@code k}. A time is never the speaker: the subject stands before it.
     */
    private static int beforeTime(List<Token> tokens, int k, int from) {
        if (k < from || !SpeakerFeatures.TIME_WORDS.contains(EntityFinder.lower(tokens.get(k)))) {
            return k;
        }
        int j = k - 1;
        while (j >= from && (SpeakerFeatures.TIME_WORDS.contains(EntityFinder.lower(tokens.get(j)))
                || TIME_MODIFIERS.contains(EntityFinder.lower(tokens.get(j))))) {
            j--;
        }
        return j;
    }

    /** From a closing parenthesis at {@code k}, the token before its opening one; else {@code k}. */
    private static int skipParenBack(List<Token> tokens, int k, int from) {
        if (k >= from && tokens.get(k).pos().equals("-RRB-")) {
            for (int j = k - 1; j >= from && j > k - 12; j--) {
                if (tokens.get(j).pos().equals("-LRB-")) {
                    return j - 1;
                }
            }
        }
        return k;
    }

    /** Where the noun phrase ending before {@code end} starts, prepositional phrases included. */
    private static int npStart(List<Token> tokens, int end, int from) {
        int start = end;
        while (start - 1 >= from) {
            Token t = tokens.get(start - 1);
            if (t.pos().equals("``") || t.pos().equals("''")) {
                break;
            }
            if (Speakers.isNpToken(tokens, start - 1)) {
                start--;
                if (t.pos().equals("PRP") && start < end - 1) {
                    start++; // "… him Trump said": the pronoun belongs elsewhere
                    break;
                }
                continue;
            }
            if (start < end && Speakers.isModifierWithPreposition(tokens, start - 2, from)) {
                start -= 2; // "a source close to the talks": the phrase goes on before the adjective
                continue;
            }
            if (Speakers.NP_PREPOSITIONS.contains(EntityFinder.lower(t)) && start < end && start - 2 >= from
                    && (tokens.get(start - 2).isNoun() || tokens.get(start - 2).pos().equals("CD"))
                    && !tokens.get(start - 2).pos().equals("PRP")) {
                start--;
                continue;
            }
            break;
        }
        // a noun phrase starts with its determiner or name, not with a participle or a preposition
        while (start < end && (tokens.get(start).pos().equals("VBN") || tokens.get(start).pos().equals("IN"))) {
            start++;
        }
        return start;
    }

    /** The noun phrase after a cue: said Mike Pompeo, the secretary … / said he. */
    private Attribution speakerAfter(Context ctx, int from, int limit, int cueFrom, int cueTo) {
        List<Token> tokens = ctx.doc.tokens;
        int end = from;
        while (end < limit && end < tokens.size() && !ctx.inQuote[end]
                && (Speakers.isPhraseToken(tokens, ctx.entities().byToken(), end)
                || tokens.get(end).text().equals("of") && end + 1 < tokens.size() && tokens.get(end + 1).capitalised())) {
            end++;
        }
        if (end == from) {
            return null;
        }
        int beforeTime = beforeTime(tokens, end - 1, from + 1) + 1; // "said Lawrence yesterday": not the time
        if (beforeTime > from && ctx.entities().byToken()[end - 1] == null) {
            end = beforeTime;
        }
        Attribution a = speakers.resolve(ctx, from, end, cueFrom);
        return a == null ? null : new Attribution(a.from(), a.to(), cueFrom, cueTo, a.entity());
    }

    /** The first token from {@code from}, before {@code end}, that no dateline holds: where a subject can start. */
    private static int afterDateline(Context ctx, int from, int end) {
        int s = from;
        while (s < end && ctx.dateline[s]) {
            s++;
        }
        return s;
    }

}
