package io.quotewire.nlp;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quotewire.nlp.analysis.Analyzer;
import io.quotewire.nlp.story.Embedder;

/**
 * nlp-service's entry point: the models start loading before Quarkus does. Their load (CoreNLP's tagger and name
 * recogniser, the embedding model: most of the CPU of a start) is what readiness waits for; started here, it runs
 * beside Quarkus's own start instead of after it, and Quarkus's class-data archive, made by a start at package time,
 * holds the classes it loads. The NER model is the one {@code quotewire.nlp.ner-model} names as a system property or
 * an environment variable; one set elsewhere (application.properties) is loaded by the analyzer when it starts.
 */
@QuarkusMain
public class NlpMain {

    public static void main(String... args) {
        Analyzer.preload(System.getProperty("quotewire.nlp.ner-model",
                System.getenv().getOrDefault("QUOTEWIRE_NLP_NER_MODEL", Analyzer.DEFAULT_NER_MODEL)));
        Embedder.preload();
        Quarkus.run(args);
    }
}
