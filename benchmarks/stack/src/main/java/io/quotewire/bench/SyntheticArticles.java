package io.quotewire.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.quotewire.contract.Fixtures;

/**
 * Seed-sized news articles, each with a unique text: two officials meet, three attributed quotes (the
 * first carries the article's tag, {@code <run>-<n>}, so a test or benchmark can find it), and news
 * paragraphs drawn from the sample articles in a varied order. The same run and number give the same
 * article.
 */
public final class SyntheticArticles {

    /** The sample articles (the contract's, shipped in {@code samples/}), without their {@code date YYYY-MM-DD} line. */
    public static final List<String> SAMPLES = Fixtures.SAMPLES.stream().map(Fixtures::sampleText).toList();

    private static final List<String> PARAGRAPHS = SAMPLES.stream()
            .flatMap(s -> Arrays.stream(s.split("\n\\s*\n"))).map(String::strip)
            .filter(p -> p.length() > 80 && !p.contains("Credit:")).toList();

    private static final String[] FIRST = {"Amelia", "Rafael", "Ingrid", "Kwame", "Sofia", "Tomasz", "Leila", "Hiroshi",
        "Nadia", "Samuel", "Elena", "Omar", "Grace", "Mateus", "Aisha", "Viktor", "Chloe", "Daniel", "Yara", "Pieter"};
    private static final String[] LAST = {"Stroud", "Okafor", "Lindqvist", "Mensah", "Ferreira", "Nowak", "Haddad",
        "Tanaka", "Petrova", "Whitcombe", "Castellanos", "Rahimi", "Abernathy", "Oliveira", "Karimi", "Brandt",
        "Delacroix", "Moreau", "Sadeghi", "Van Rooyen"};
    private static final String[] ROLES = {"Foreign Minister", "Prime Minister", "Defence Minister", "Finance Minister",
        "President", "Senator", "Governor", "Ambassador"};
    private static final String[] COUNTRIES = {"Germany", "Brazil", "Kenya", "Japan", "Poland", "Egypt", "Canada",
        "Norway", "Chile", "Indonesia", "Jordan", "Portugal"};
    private static final String[] CITIES = {"Berlin", "Nairobi", "Tokyo", "Warsaw", "Cairo", "Ottawa", "Oslo", "Lisbon",
        "Amman", "Jakarta", "Santiago", "Brasilia"};
    private static final String[] TOPICS = {"energy prices", "border security", "a new trade agreement", "water rights",
        "the refugee crisis", "grain exports", "military cooperation", "climate finance", "debt relief",
        "a ceasefire in the region"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};

    private final String run;

    /** {@code run}: a token that makes this run's texts differ from every other run's. */
    public SyntheticArticles(String run) {
        this.run = run;
    }

    /** Article {@code n} of this run. */
    public Article article(long n) {
        Random r = new Random(run.hashCode() * 1_000_003L + n);
        String first1 = pick(r, FIRST), last1 = pick(r, LAST), role1 = pick(r, ROLES), country1 = pick(r, COUNTRIES);
        String last2 = pick(r, LAST), first2 = pick(r, FIRST), role2 = pick(r, ROLES), country2 = pick(r, COUNTRIES);
        while (last2.equals(last1)) {
            last2 = pick(r, LAST);
        }
        String topic = pick(r, TOPICS), city = pick(r, CITIES);
        StringBuilder text = new StringBuilder();
        text.append(role1).append(' ').append(first1).append(' ').append(last1).append(" of ").append(country1)
                .append(" met ").append(role2).append(' ').append(first2).append(' ').append(last2).append(" of ")
                .append(country2).append(" in ").append(city).append(" on ").append(pick(r, DAYS))
                .append(" to discuss ").append(topic).append(".\n\n");
        text.append("“").append(marker()).append(n).append(" shows that we have moved forward on ").append(topic)
                .append(",” ").append(last1).append(" said after the talks.\n\n");
        List<String> pool = new ArrayList<>(PARAGRAPHS);
        java.util.Collections.shuffle(pool, r);
        int body = 0;
        for (String p : pool) {
            if (body > 1_900) {
                break;
            }
            text.append(p).append("\n\n");
            body += p.length();
        }
        text.append(last2).append(" said: “").append(country2).append(" will not accept any delay on ").append(topic)
                .append(", and our partners know it.”\n\n");
        text.append("“We expect results before the end of the year,” ").append(last2)
                .append(" added.");
        String title = role1 + " " + last1 + " and " + role2 + " " + last2 + " discuss " + topic;
        String date = String.format("2020-%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28));
        return new Article(tag(n), title, text.toString(), date);
    }

    /** The tag in article {@code n}'s first quote. */
    public String tag(long n) {
        return run + "-" + n;
    }

    /** Words that begin the first quote of every article of this run and of no other run: a search for all of them. */
    public String marker() {
        return "Report " + run + "-";
    }

    /** One synthetic article; {@link #json(String)} is its form for the ingest API. */
    public record Article(String tag, String title, String text, String publishedAt) {

        public Map<String, Object> json(String source) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text", text);
            m.put("title", title);
            m.put("source", source);
            m.put("publishedAt", publishedAt);
            return m;
        }
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

}
