package io.quotewire.nlp.analysis;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quotewire.nlp.analysis.EntityFinder.Mention;

/**
 * The names at an article's top that CoreNLP reads poorly, read by where they stand: the place of its dateline and
 * the reporter's byline on the line before it ({@link EntityFinder}'s last step).
 */
final class DatelineNames {

    private DatelineNames() {
    }

    /** Up to four words in capitals: a place's name in a dateline ("GRONINGEN", "AL-RAM", "ST. LOUIS"). */
    private static final String PLACE_IN_CAPITALS = "\\p{Lu}[\\p{Lu}.'’\\-]*\\p{Lu}\\.?(?:[ \\t]+\\p{Lu}[\\p{Lu}.'’\\-]*\\p{Lu}\\.?){0,3}";
    private static final String DATE = "(?:\\d{4}[ \\t]*-[ \\t]*\\d\\d[ \\t]*-[ \\t]*\\d\\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?[ \\t]+\\d{1,2}\\b)";
    /** The dash that ends a dateline, before the story's first words, among which one in lower case. */
    private static final String DASH_THEN_TEXT = "[-\u2013\u2014]+[ \\t]*[^\\n]{0,40}?[ \\t\"“]\\p{Ll}";
    /**
     * A dateline: a line that opens with a place in capitals, then (its region and) its date or its agency, or
     * its region and the dash before the story ("GRONINGEN , Netherlands 1996-08-30", "CARDIFF 1996-08-31",
     * "BAGHDAD, Aug 20 -", "WASHINGTON (Reuters) -", "JACKSON, Miss. - U.S. District Judge"). Words in capitals
     * and a dash alone open headlines as often ("SOCCER - WALES BEAT ...", "RUGBY UNION - All Blacks relive
     * triumph", a wire's code "RTRS - Budget cuts ..."). Group 2 or 3 is the date.
     */
    private static final Pattern DATELINE = Pattern.compile("^[ \\t]*(" + PLACE_IN_CAPITALS + ")[ \\t]*(?:("
            + DATE + ")|\\(|,[^\\n]{0,40}?(?:(" + DATE + ")|\\(|" + DASH_THEN_TEXT + "))", Pattern.MULTILINE);
    /** How many lines from the top a dateline is looked for in. */
    private static final int DATELINE_LINES = 5;

    /**
     * The place of the article's dateline is a place, whatever CoreNLP made of the words in capitals there
     * (GRONINGEN and CARDIFF as organisations, AL-RAM as a nationality) and whatever the article's other mentions
     * of it are (Wigan the team): the place it was reported from. A dated line is one whatever CoreNLP found in it;
     * one without a date only where CoreNLP or the gazetteer found a name ("PRESS DIGEST - Indonesian newspapers"
     * is a headline). A well-known organisation's seat stays the organisation (UNITED NATIONS, as news
     * annotation has it). Only the first lines are read. The line before the dateline may be the byline.
     */
    static void apply(Doc doc, List<Mention> mentions, Gazetteer gazetteer) {
        int head = 0;
        for (int lines = 0; head < doc.text.length() && lines < DATELINE_LINES; lines++) {
            int nl = doc.text.indexOf('\n', head);
            head = nl < 0 ? doc.text.length() : nl + 1;
        }
        Matcher m = DATELINE.matcher(doc.text).region(0, head).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            int[] span = EntityFinder.tokenSpan(doc, m.start(1), m.end(1));
            if (span == null) {
                continue;
            }
            Mention place = new Mention(span[0], span[1], m.start(1), m.end(1), "LOCATION", null);
            List<Mention> overlapping = overlapping(mentions, place);
            if (m.group(2) == null && m.group(3) == null && overlapping.isEmpty()) {
                continue;
            }
            Gazetteer.Entry known = gazetteer.lookup(CapitalisedNames.titleCase(m.group(1)));
            if ((known == null || known.type().equals("LOCATION")) && !overlapping.equals(List.of(place))) {
                mentions.removeAll(overlapping);
                mentions.add(known == null ? place : new Mention(place.from(), place.to(), place.start(), place.end(), "LOCATION", known));
            }
            byline(doc, mentions, m.start(1));
            return;
        }
    }

    /** A byline: a name of two or three words alone on its line, maybe after "By". */
    private static final Pattern BYLINE = Pattern.compile(
            "[ \\t]*(?:By[ \\t]+)?(\\p{Lu}['’]?\\p{Ll}\\p{L}*(?:[ \\t]+(?:\\p{Lu}\\.|\\p{Lu}['’]?\\p{Ll}\\p{L}*)){1,2})[ \\t]*");

    /**
     * The line right before the dateline, when it is not the text's first (the headline) and is a name that CoreNLP
     * read as some name, is the reporter's byline, a person ("Glenn Somerville" read as an organisation).
     */
    private static void byline(Doc doc, List<Mention> mentions, int dateline) {
        int end = dateline;
        while (end > 0 && Character.isWhitespace(doc.text.charAt(end - 1))) {
            end--;
        }
        int start = doc.text.lastIndexOf('\n', end - 1) + 1;
        if (start == 0 || end <= start || doc.text.substring(0, start).isBlank()) {
            return;
        }
        Matcher b = BYLINE.matcher(doc.text).region(start, end);
        int[] span = b.matches() ? EntityFinder.tokenSpan(doc, b.start(1), b.end(1)) : null;
        if (span == null) {
            return;
        }
        Mention person = new Mention(span[0], span[1], b.start(1), b.end(1), "PERSON", null);
        List<Mention> overlapping = overlapping(mentions, person);
        if (!overlapping.isEmpty() && !overlapping.equals(List.of(person))) {
            mentions.removeAll(overlapping);
            mentions.add(person);
        }
    }

    private static List<Mention> overlapping(List<Mention> mentions, Mention m) {
        return mentions.stream().filter(x -> x.from() < m.to() && m.from() < x.to()).toList();
    }
}
