package io.quotewire.nlp.analysis;

import static io.quotewire.nlp.analysis.CapitalisedNames.titleCase;
import static io.quotewire.nlp.analysis.EntityFinder.votes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.quotewire.nlp.analysis.EntityFinder.Mention;

/**
 * What type a name has, once {@link EntityFinder} has its mentions: the steps that retype a mention by the words
 * around it (a noun for a place before it, an organisation's last word), by the article's other mentions of it
 * (one name, one type), or by what the gazetteer knows of it (a country).
 */
final class NameTypes {

    private NameTypes() {
    }

    /**
     * Last words of organisations' names: legal forms and head nouns ("Daniels Pharmaceuticals", "Bangladesh
     * Lamps" aside). A name of two words or more ending in one is an organisation, though CoreNLP reads its first
     * words as a person or a place ("Norwich City" and "Kansas City" are both, so City is not one).
     */
    static final Set<String> ORGANISATION_ENDINGS = Set.of("Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.",
            "Plc", "PLC", "LLC", "AG", "GmbH", "Bros", "Bros.", "Corporation", "Company", "Bank", "Bancorp", "Bancshares",
            "Group", "Holdings", "Airlines", "Airways", "Pharmaceuticals", "Industries", "Systems", "Motors",
            "Technologies", "Communications", "Electronics", "Securities", "Partners", "Controls", "Lamps", "Association",
            "University", "College", "Institute", "Club", "Exchange", "Commission", "Committee", "Council", "Party",
            "Ministry", "League", "Federation", "Agency", "Bureau", "Foundation", "Rovers", "Wanderers", "Athletic",
            "Albion", "Hotspur", "FC");

    /** Forms of address that only a person's name follows. */
    static final Set<String> HONORIFICS = Set.of("Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Messrs.", "Mme",
            "Mme.", "Mlle");

    /** A name of two words or more ending in an organisation's last word is an organisation. */
    static void organisationsByEnding(List<Token> tokens, List<Mention> mentions) {
        mentions.replaceAll(m -> m.known() == null && !m.type().equals("ORGANIZATION") && m.to() - m.from() >= 2
                && ORGANISATION_ENDINGS.contains(tokens.get(m.to() - 1).text()) ? m.withType("ORGANIZATION") : m);
    }

    /**
     * An organisation's short form ("Magna" after "Magna International Inc", "Rotor" after "Rotor Volgograd"), which
     * CoreNLP reads as a person: one word that begins a longer organisation's name in the article and is no word
     * of a longer person's name there.
     */
    static void organisationShortForms(List<Token> tokens, List<Mention> mentions) {
        Set<String> orgFirstWords = new HashSet<>();
        Set<String> personWords = new HashSet<>();
        for (Mention m : mentions) {
            if (m.to() - m.from() >= 2 && m.type().equals("ORGANIZATION")) {
                orgFirstWords.add(tokens.get(m.from()).text().toLowerCase(Locale.ROOT));
            } else if (m.to() - m.from() >= 2 && m.type().equals("PERSON")) {
                for (int k = m.from(); k < m.to(); k++) {
                    personWords.add(tokens.get(k).text().toLowerCase(Locale.ROOT));
                }
            }
        }
        mentions.replaceAll(m -> {
            String word = tokens.get(m.from()).text().toLowerCase(Locale.ROOT);
            return m.known() == null && m.to() - m.from() == 1 && m.type().equals("PERSON") && orgFirstWords.contains(word)
                    && !personWords.contains(word) ? m.withType("ORGANIZATION") : m;
        });
    }

    /** What a person does right after being named, in any sentence, tagged or not ("Trump said"). */
    private static final Set<String> SAYS = Set.of("said", "says", "told", "tells", "added", "adds");

    /**
     * One name, one type within an article: CoreNLP types each mention from its own sentence's words, so a name
     * mentioned several times can be a person in one sentence and a place in the next ("Ivanisevic", "Stoke").
     * The mentions of one text that the gazetteer does not know, in lower and upper case, take the type most of
     * them have (a tie changes nothing), and a one-word place or organisation that is the last word of a person's longer name in the
     * article, and begins no longer place or organisation there or once says something there ("Trump said" beside
     * "the Trump SoHo New York Hotel"), is that person; so is one the article calls "Mr.",
     * "Mrs." or "Ms." once ("Mr. Trump", where CoreNLP read "Trump's path" and "the Trump campaign" as a place).
     */
    static void consistentTypes(Doc doc, List<Mention> mentions) {
        Map<String, Map<String, Integer>> votes = new HashMap<>();
        Set<String> surnames = new HashSet<>();
        Set<String> nonPersonFirstWords = new HashSet<>();
        Set<String> addressed = new HashSet<>();
        Set<String> speaking = new HashSet<>();
        for (Mention m : mentions) {
            if (!votes(doc, m)) {
                continue;
            }
            votes.computeIfAbsent(doc.span(m.start(), m.end()), k -> new HashMap<>()).merge(m.type(), 1, Integer::sum);
            if (m.to() - m.from() == 1 && m.from() > 0 && HONORIFICS.contains(doc.tokens.get(m.from() - 1).text())) {
                addressed.add(doc.span(m.start(), m.end()));
            }
            if (m.to() - m.from() == 1 && m.to() < doc.tokens.size() && SAYS.contains(doc.tokens.get(m.to()).text())) {
                speaking.add(doc.span(m.start(), m.end()));
            }
            if (m.to() - m.from() >= 2) {
                String first = doc.tokens.get(m.from()).text();
                String last = doc.tokens.get(m.to() - 1).text();
                if (m.type().equals("PERSON")) {
                    surnames.add(last);
                } else {
                    nonPersonFirstWords.add(first);
                }
            }
        }
        mentions.replaceAll(m -> {
            if (!votes(doc, m)) {
                return m;
            }
            String text = doc.span(m.start(), m.end());
            String type = m.type();
            Map<String, Integer> v = votes.get(text);
            if (v.size() > 1) {
                int mine = v.get(type);
                for (Map.Entry<String, Integer> e : v.entrySet()) {
                    if (e.getValue() > mine) {
                        type = e.getKey();
                        mine = e.getValue();
                    }
                }
            }
            if (!type.equals("PERSON") && m.to() - m.from() == 1
                    && (addressed.contains(text)
                            || surnames.contains(text) && (!nonPersonFirstWords.contains(text) || speaking.contains(text)))) {
                type = "PERSON";
            }
            return type.equals(m.type()) ? m : m.withType(type);
        });
    }

    /**
     * A country's name CoreNLP reads as an organisation is a place: its team ("Wales beat San Marino"), its
     * government ("Iran said") and its territory are one entity, as news annotation has them. A person of that
     * name stays one (Neil Jordan), and so does a club of that name that CoreNLP reads as an organisation.
     */
    static void countriesArePlaces(Doc doc, List<Mention> mentions) {
        mentions.replaceAll(m -> {
            String text = doc.span(m.start(), m.end());
            return m.type().equals("ORGANIZATION") && (Gazetteer.isCountry(text) || Gazetteer.isCountry(titleCase(text)))
                    ? m.withType("LOCATION") : m;
        });
    }

    /** Nouns for a place that name it after "of": "the town of Chatelet", "the mining towns of Barentsburg". */
    private static final Set<String> PLACE_NOUNS = Set.of("town", "towns", "city", "cities", "village", "villages",
            "province", "provinces", "region", "district", "island", "islands", "port", "capital", "suburb", "county");

    /**
     * A name CoreNLP reads as a person or an organisation right after a noun for a place and "of" is that place
     * ("the southern Belgian town of Chatelet"); a well-known name keeps its entry.
     */
    static void placesByTheirNoun(List<Token> tokens, List<Mention> mentions) {
        mentions.replaceAll(m -> m.known() == null && !m.type().equals("LOCATION") && m.from() > 1
                && tokens.get(m.from() - 1).text().equals("of") && PLACE_NOUNS.contains(tokens.get(m.from() - 2).text())
                        ? m.withType("LOCATION") : m);
    }

    /**
     * A name that sets a sentence's scene, "In Montreal, Scott Sanders allowed one hit", is the place, even in an
     * article where the same name is mostly its team ("Montreal lost for the ninth time").
     */
    static void settingsArePlaces(List<Token> tokens, List<Mention> mentions) {
        mentions.replaceAll(m -> m.type().equals("ORGANIZATION") && m.from() > 0 && m.to() < tokens.size()
                && tokens.get(m.from() - 1).text().equals("In") && tokens.get(m.to()).isPunct(',')
                && (m.from() == 1 || tokens.get(m.from() - 2).sentence() != tokens.get(m.from()).sentence())
                        ? m.withType("LOCATION") : m);
    }
}
