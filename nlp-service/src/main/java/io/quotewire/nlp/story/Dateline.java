package io.quotewire.nlp.story;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quotewire.contract.DateLines;

/**
 * The publication date an article's text states at its top: the {@code date YYYY-MM-DD} it may open with
 * ({@link DateLines}; ingest-service takes it out, another Kafka client may not), a dateline ("July 13, 2009 12:49 PM EDT",
 * "Posted: Friday, March 8, 2013", "12 January 2010", "2013-09-26", "Updated 4/11/2007") or the date in its
 * link's path ({@code /2012/12/23/}, {@code /2013/may/03/}, {@code /20070503/}, {@code _2013_09_14_},
 * {@code -sequel-20120411}). Story assignment places an article in time by its {@code publishedAt}, else by this date,
 * else by the month its link's path names ({@code /2013/09/new-york-woman-killed}: {@link #monthOf}), else by when it
 * was ingested: an archived article whose text says 2013 does not join a story of this week.
 * <p>
 * Only the first {@link #HEAD_LINES} lines are read, and a date counts only where a dateline stands: on a line of
 * its own ("Posted: Friday, March 8, 2013 2:39 pm"), or opening a paragraph after at most a place and followed by a
 * separator ("WASHINGTON, Jul 13, 2009 / 02:00 pm (CNA) ..."). A date inside a sentence ("Page was born on April 22,
 * 1923, in Nashville", "On Tuesday, Oct. 10, 1972, Washington awoke ...") is what the story tells, not when it was
 * written. Numbers are read as written in English-language news: with slashes month first (4/11/2007 is April 11),
 * with dots or dashes day first (08.07.2012 is 8 July), the other way when only that makes a date (14/09/2013);
 * two-digit years are 1970-2069. Separators may have spaces
 * around them, as in tokenised text ("2013 - 09 - 26").
 */
public final class Dateline {

    /** How many non-blank lines the dateline is looked for in. */
    static final int HEAD_LINES = 5;

    private static final String MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
    private static final String YEAR = "((?:19|20)\\d\\d)";

    /** A way of writing a date: its pattern and how a match becomes a date (null when it is none). */
    private record Form(Pattern pattern, Function<MatchResult, LocalDate> date) {
    }

    private static final List<Form> IN_TEXT = List.of(
            new Form(Pattern.compile("(?i)\\b" + MONTH + "\\s*[-\\s]\\s*" + DAY + "\\s*[-,]?\\s*" + YEAR + "\\b"),
                    m -> date(m.group(3), month(m.group(1)), m.group(2))),
            new Form(Pattern.compile("(?i)\\b" + DAY + "\\s*[-\\s]\\s*" + MONTH + "\\s*[-,\\s]\\s*" + YEAR + "\\b"),
                    m -> date(m.group(3), month(m.group(2)), m.group(1))),
            new Form(Pattern.compile("\\b" + YEAR + "\\s*([-/.])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{1,2})\\b"),
                    m -> date(m.group(1), m.group(3), m.group(4))),
            new Form(Pattern.compile("\\b(\\d{1,2})\\s*([-/.])\\s*(\\d{1,2})\\s*\\2\\s*((?:19|20)?\\d\\d)\\b"),
                    m -> numeric(m.group(4), m.group(1), m.group(3), m.group(2).equals("/"))));

    private static final List<Form> IN_LINK = List.of(
            new Form(Pattern.compile("(?i)/\\s*" + YEAR + "\\s*/\\s*(\\d{1,2}|" + MONTH + ")\\s*/\\s*(\\d{1,2})\\b"),
                    m -> date(m.group(1), m.group(3) != null ? month(m.group(3)) : m.group(2), m.group(4))),
            new Form(Pattern.compile("(?<![\\p{Alnum}])" + YEAR + "\\s*([-_])\\s*(\\d\\d)\\s*\\2\\s*(\\d\\d)(?![\\p{Alnum}])"),
                    m -> date(m.group(1), m.group(3), m.group(4))),
            new Form(Pattern.compile("[-_/]\\s*((?:19|20)\\d\\d)(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\s*(?:[-_/.?#&]|$)"),
                    m -> date(m.group(1), m.group(2), m.group(3))));

    /** A month in a link's path without its day, as blogs write their links ({@code /2013/09/new-york-woman-killed}). */
    private static final Pattern MONTH_IN_LINK = Pattern.compile("(?i)/\\s*" + YEAR + "\\s*/\\s*(\\d{1,2}|" + MONTH + ")\\s*/");

    private static final Pattern LINK = Pattern.compile("(?i)^(https?\\s*:|www\\.).*");
    /** What may come before a dateline in a paragraph: a place of a few capitalised words. */
    private static final Pattern PLACE = Pattern.compile("(?:\\p{Lu}[\\p{L}'’.-]*\\s*,?\\s*){0,5}");
    /** What ends a dateline that opens a paragraph ("WASHINGTON, Aug. 20, 2020 - President ..."). */
    private static final Pattern SEPARATOR = Pattern.compile("\\s*(?:[-/|\u2013\u2014:(]|$)");
    /** What a line that is only a dateline holds besides the date: times, weekdays, "Posted", "Updated", ... */
    private static final Set<String> DATE_WORDS = Set.of("article", "posted", "updated", "published", "originally",
            "first", "last", "modified", "edited", "created", "release", "story", "time", "found", "on", "at", "am",
            "pm", "a", "m", "p", "hrs", "et", "gmt", "utc", "uk", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
            "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "date");
    /** A time zone's abbreviation (EDT, IST, AKDT, CEST). */
    private static final Pattern ZONE = Pattern.compile("\\p{Lu}{1,3}T");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}]+");

    private Dateline() {
    }

    /** The stated publication date, or null. */
    public static LocalDate of(String text) {
        DateLines.Split dateLine = DateLines.leading(text); // a record another client wrote as the sample files are
        if (dateLine != null && dateLine.day() != null) {
            return dateLine.day();
        }
        for (String l : headLines(text)) {
            LocalDate date = isLink(l) ? first(IN_LINK, l) : dateline(l);
            if (date != null) {
                return date;
            }
        }
        return null;
    }

    /**
     * Where the text states no publication date, the month its link's path names ({@code /2013/09/...}), or null: a
     * time to within the month, closer than when an archived article was ingested.
     */
    public static YearMonth monthOf(String text) {
        if (of(text) != null) {
            return null;
        }
        for (String l : headLines(text)) {
            if (isLink(l)) {
                Matcher m = MONTH_IN_LINK.matcher(l);
                while (m.find()) {
                    int month = Integer.parseInt(m.group(3) != null ? month(m.group(3)) : m.group(2));
                    if (month >= 1 && month <= 12) {
                        return YearMonth.of(Integer.parseInt(m.group(1)), month);
                    }
                }
            }
        }
        return null;
    }

    /** The first {@link #HEAD_LINES} lines of the text that are not blank, stripped. */
    private static List<String> headLines(String text) {
        List<String> lines = new ArrayList<>(HEAD_LINES);
        for (String line : text.split("\n", 64)) {
            String l = line.strip();
            if (!l.isEmpty()) {
                lines.add(l);
                if (lines.size() == HEAD_LINES) {
                    break;
                }
            }
        }
        return lines;
    }

    /** Whether a (stripped) line is a link. */
    static boolean isLink(String line) {
        return LINK.matcher(line).matches();
    }

    /** Whether a line says nothing but when the article was published (so it is no part of the lede). */
    static boolean isDateLine(String line) {
        String rest = line;
        for (Form form : IN_TEXT) {
            rest = form.pattern().matcher(rest).replaceAll(" ");
        }
        if (rest.equals(line)) {
            return false;
        }
        for (String word : NOT_LETTERS.split(rest.strip())) {
            if (!word.isEmpty() && !DATE_WORDS.contains(word.toLowerCase(Locale.ROOT)) && !ZONE.matcher(word).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The line's first date, if it stands where a dateline does: on a line of its own (with times, weekdays, "Posted"
     * and such), or opening a paragraph after at most a place, followed by a separator or nothing.
     */
    private static LocalDate dateline(String line) {
        MatchResult first = null;
        LocalDate found = null;
        for (Form form : IN_TEXT) {
            Matcher m = form.pattern().matcher(line);
            while (m.find() && (first == null || m.start() < first.start())) {
                LocalDate d = form.date().apply(m);
                if (d != null) {
                    first = m.toMatchResult();
                    found = d;
                    break;
                }
            }
        }
        if (found == null) {
            return null;
        }
        boolean opens = PLACE.matcher(line.substring(0, first.start())).matches()
                && SEPARATOR.matcher(line.substring(first.end())).lookingAt();
        return opens || isDateLine(line) ? found : null;
    }

    private static LocalDate first(List<Form> forms, String line) {
        for (Form form : forms) {
            Matcher m = form.pattern().matcher(line);
            while (m.find()) {
                LocalDate d = form.date().apply(m);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private static String month(String name) {
        return switch (name.toLowerCase(Locale.ROOT).substring(0, 3)) {
            case "jan" -> "1";
            case "feb" -> "2";
            case "mar" -> "3";
            case "apr" -> "4";
            case "may" -> "5";
            case "jun" -> "6";
            case "jul" -> "7";
            case "aug" -> "8";
            case "sep" -> "9";
            case "oct" -> "10";
            case "nov" -> "11";
            default -> "12";
        };
    }

    /** A numeric date: month first when {@code monthFirst}, else day first; the other way when only that is a date. */
    private static LocalDate numeric(String year, String a, String b, boolean monthFirst) {
        LocalDate d = monthFirst ? date(year, a, b) : date(year, b, a);
        return d != null ? d : monthFirst ? date(year, b, a) : date(year, a, b);
    }

    private static LocalDate date(String year, String month, String day) {
        try {
            int y = Integer.parseInt(year);
            if (year.length() == 2) {
                y += y < 70 ? 2000 : 1900;
            }
            return LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
