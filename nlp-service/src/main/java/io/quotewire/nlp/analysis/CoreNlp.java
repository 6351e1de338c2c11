package io.quotewire.nlp.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;

/**
 * The CoreNLP base: a lean pipeline (tokenize, ssplit, pos, lemma, ner with one CRF model; no SUTime, no
 * fine-grained or numeric classifiers) that loads in about 2 s. One instance serves all worker threads
 * (CoreNLP's annotators are thread-safe).
 *
 * <p>Names are recognised in every sentence, but parts of speech and lemmas, nearly half the cost of an
 * article, are computed only for the sentences a caller asks for (those the attribution of quotes reads). The
 * others get a tag from the word alone where it is certain (hyphen, possessive, personal pronoun) and the word
 * as lemma. The tagger works sentence by sentence, so a tagged sentence gets the same tags either way; the
 * name recogniser runs before it, on every sentence.
 */
final class CoreNlp {


    /**
     * The JVM option the analysis needs for full speed. HotSpot compiles no method over 8,000 bytes of bytecode
     * unless told to, and three of CoreNLP's hot methods are larger: the name recogniser's feature extraction
     * ({@code NERFeatureFactory.featuresC}, 10 kB), the tokenizer's and the lemmatizer's generated lexers. Left
     * interpreted, they cost about a sixth of the service's CPU per article.
     */
    static final String JIT_OPTION = "-XX:-DontCompileHugeMethods";

    /** False when this JVM leaves methods over 8 kB interpreted (HotSpot's default); true otherwise or unknown. */
    static boolean compilesHugeMethods() {
        try {
            return !"true".equals(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("DontCompileHugeMethods").getValue());
        } catch (RuntimeException e) {
            return true; // not HotSpot: nothing to say
        }
    }

    private final StanfordCoreNLP sentences;
    private final StanfordCoreNLP tagger;
    private final StanfordCoreNLP ner;

    /** Loads the parts (tokenizer, tagger; name recogniser) in parallel: start-up takes the longer, not the sum. */
    CoreNlp(String nerModel) {
        java.util.concurrent.CompletableFuture<StanfordCoreNLP> names = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> new StanfordCoreNLP(props("ner", nerModel), false));
        this.sentences = new StanfordCoreNLP(props("tokenize,ssplit", nerModel));
        this.tagger = new StanfordCoreNLP(props("pos,lemma", nerModel), false);
        this.ner = names.join();
    }

    private static Properties props(String annotators, String nerModel) {
        Properties props = new Properties();
        props.setProperty("annotators", annotators);
        props.setProperty("tokenize.language", "en");
        props.setProperty("ssplit.newlineIsSentenceBreak", "always");
        props.setProperty("pos.model", "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger");
        props.setProperty("ner.model", nerModel);
        props.setProperty("ner.useSUTime", "false");
        props.setProperty("ner.applyFineGrained", "false");
        props.setProperty("ner.applyNumericClassifiers", "false");
        props.setProperty("ner.buildEntityMentions", "false");
        return props;
    }

    /** Every sentence tagged. */
    Doc annotate(String text) {
        return annotate(text, null);
    }

    /**
     * A name the tagger read as a modal verb: a capitalised modal ("Will", "May") before a past tense, a participle
     * or a present third person, which no modal takes ("Will wrote", "Instead, Will called for", "May said"). A
     * participle after it is then a past tense.
     */
    static boolean isNameTaggedAsModal(String word, String tag, String nextTag) {
        return "MD".equals(tag) && nextTag != null && (nextTag.equals("VBD") || nextTag.equals("VBN") || nextTag.equals("VBZ"))
                && word.length() > 1 && Character.isUpperCase(word.charAt(0)) && Character.isLowerCase(word.charAt(1));
    }

    /**
     * Tokens with names; parts of speech and lemmas for the sentences that overlap one of {@code ranges}
     * (character {@code [start, end)} pairs) and the sentence on either side of those, or for every sentence
     * when {@code ranges} is null.
     */
    Doc annotate(String text, List<int[]> ranges) {
        Annotation annotation = new Annotation(text);
        sentences.annotate(annotation);
        List<CoreMap> all = bounded(text, annotation.get(CoreAnnotations.SentencesAnnotation.class));
        annotation.set(CoreAnnotations.SentencesAnnotation.class, all);
        List<CoreMap> toTag = ranges == null ? all : withNeighbours(all, ranges);
        // names first, on untagged tokens: with tags present the recogniser's output changes slightly, and it
        // must not depend on which sentences are tagged
        ner.annotate(annotation);
        if (!toTag.isEmpty()) {
            Annotation part = new Annotation(text);
            part.set(CoreAnnotations.SentencesAnnotation.class, toTag);
            part.set(CoreAnnotations.TokensAnnotation.class,
                    toTag.stream().flatMap(s -> s.get(CoreAnnotations.TokensAnnotation.class).stream()).toList());
            tagger.annotate(part); // the same token objects: tags and lemmas land on the whole annotation
        }
        int[] paragraphs = Doc.paragraphs(text);
        List<Token> tokens = new ArrayList<>();
        int sentenceIndex = 0;
        for (CoreMap sentence : annotation.get(CoreAnnotations.SentencesAnnotation.class)) {
            List<CoreLabel> labels = sentence.get(CoreAnnotations.TokensAnnotation.class);
            boolean afterName = false;
            for (int i = 0; i < labels.size(); i++) {
                CoreLabel t = labels.get(i);
                int start = t.beginPosition();
                int end = t.endPosition();
                String word = text.substring(start, end);
                String tag = t.tag() != null ? t.tag() : lexicalTag(word);
                String lemma = t.lemma() != null ? t.lemma() : word;
                if (afterName && tag.equals("VBN")) {
                    tag = "VBD"; // the participle the modal called for: "Will called/VBN for" is "Will called/VBD"
                }
                afterName = isNameTaggedAsModal(word, tag, i + 1 < labels.size() ? labels.get(i + 1).tag() : null);
                if (afterName) {
                    tag = "NNP";
                    lemma = word;
                }
                tokens.add(new Token(tokens.size(), start, end, word, tag, lemma, t.ner() == null ? "O" : t.ner(),
                        sentenceIndex, paragraphs[start]));
            }
            sentenceIndex++;
        }
        return new Doc(text, tokens, paragraphs);
    }

    /**
     * The sentences, each of at most {@value #MAX_SENTENCE_TOKENS} tokens: a longer one is cut into pieces of that
     * many. The name recogniser's and the tagger's memory grow with the length of a sentence, and a text without
     * sentence ends (a list, a table, garbage) would otherwise be one sentence of hundreds of thousands of tokens
     * and exhaust the heap. News sentences are far shorter, so their analysis is unchanged.
     */
    static List<CoreMap> bounded(String text, List<CoreMap> sentences) {
        if (sentences.stream().allMatch(s -> s.get(CoreAnnotations.TokensAnnotation.class).size() <= MAX_SENTENCE_TOKENS)) {
            return sentences;
        }
        List<CoreMap> out = new ArrayList<>();
        int tokenIndex = 0;
        for (CoreMap sentence : sentences) {
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            for (int from = 0; from < tokens.size(); from += MAX_SENTENCE_TOKENS) {
                List<CoreLabel> piece = new ArrayList<>(tokens.subList(from, Math.min(tokens.size(), from + MAX_SENTENCE_TOKENS)));
                int begin = piece.get(0).beginPosition();
                int end = piece.get(piece.size() - 1).endPosition();
                CoreMap part = new edu.stanford.nlp.util.ArrayCoreMap();
                part.set(CoreAnnotations.TextAnnotation.class, text.substring(begin, end));
                part.set(CoreAnnotations.CharacterOffsetBeginAnnotation.class, begin);
                part.set(CoreAnnotations.CharacterOffsetEndAnnotation.class, end);
                part.set(CoreAnnotations.TokensAnnotation.class, piece);
                part.set(CoreAnnotations.TokenBeginAnnotation.class, tokenIndex);
                part.set(CoreAnnotations.TokenEndAnnotation.class, tokenIndex + piece.size());
                part.set(CoreAnnotations.SentenceIndexAnnotation.class, out.size());
                for (CoreLabel t : piece) {
                    t.setSentIndex(out.size());
                }
                tokenIndex += piece.size();
                out.add(part);
            }
        }
        return out;
    }

    /** The longest sentence, in tokens, given to the name recogniser and the tagger. */
    static final int MAX_SENTENCE_TOKENS = 400;

    /** The sentences that overlap a range, and the sentence before and after each of those. */
    private static List<CoreMap> withNeighbours(List<CoreMap> sentences, List<int[]> ranges) {
        boolean[] tag = new boolean[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            if (overlaps(sentences.get(i), ranges)) {
                for (int k = Math.max(0, i - 1); k <= Math.min(sentences.size() - 1, i + 1); k++) {
                    tag[k] = true;
                }
            }
        }
        List<CoreMap> selected = new ArrayList<>();
        for (int i = 0; i < tag.length; i++) {
            if (tag[i]) {
                selected.add(sentences.get(i));
            }
        }
        return selected;
    }

    private static boolean overlaps(CoreMap sentence, List<int[]> ranges) {
        int start = sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
        int end = sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
        for (int[] r : ranges) {
            if (r[0] < end && start < r[1]) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.Set<String> PERSONAL_PRONOUNS = java.util.Set.of("i", "you", "he", "she", "it",
            "we", "they", "me", "him", "her", "us", "them");

    /** The tag of an untagged token where the word alone decides it; otherwise "" (no tag). */
    static String lexicalTag(String word) {
        if (word.equals("-")) {
            return "HYPH";
        }
        if (word.equals("'s") || word.equals("’s") || word.equals("'") || word.equals("’")) {
            return "POS";
        }
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        // he, He, I; not US or IT, which are names
        boolean pronounCase = word.equals("I") || word.length() > 1 && word.substring(1).equals(lower.substring(1))
                || word.equals(lower);
        return PERSONAL_PRONOUNS.contains(lower) && pronounCase ? "PRP" : "";
    }
}
