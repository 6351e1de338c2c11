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
 */
final class CoreNlp {

    static final String DEFAULT_NER_MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";

    private final StanfordCoreNLP base;
    private final StanfordCoreNLP ner;

    /** Loads the two halves (tagger; name recogniser) in parallel: start-up takes the longer, not the sum. */
    CoreNlp(String nerModel) {
        java.util.concurrent.CompletableFuture<StanfordCoreNLP> names = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> new StanfordCoreNLP(props("ner", nerModel), false));
        this.base = new StanfordCoreNLP(props("tokenize,ssplit,pos,lemma", nerModel));
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

    Doc annotate(String text) {
        Annotation annotation = new Annotation(text);
        base.annotate(annotation);
        ner.annotate(annotation);
        int[] paragraphs = Doc.paragraphs(text);
        List<Token> tokens = new ArrayList<>();
        int sentenceIndex = 0;
        for (CoreMap sentence : annotation.get(CoreAnnotations.SentencesAnnotation.class)) {
            for (CoreLabel t : sentence.get(CoreAnnotations.TokensAnnotation.class)) {
                int start = t.beginPosition();
                int end = t.endPosition();
                tokens.add(new Token(tokens.size(), start, end, text.substring(start, end), t.tag(), t.lemma(),
                        t.ner() == null ? "O" : t.ner(), sentenceIndex, paragraphs[start]));
            }
            sentenceIndex++;
        }
        return new Doc(text, tokens, paragraphs);
    }
}
