package io.quotewire.nlp;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quotewire.nlp.analysis.Analyzer;
import io.quotewire.nlp.story.Embedder;

/**
 * nlp-service's entry point: the models start loading before Quarkus does. Their load (CoreNLP's tagger and name
 * recogniser, the embedding model: most of the CPU of a start) is what readiness waits for; started here, it runs
 * beside Quarkus's own start instead of after it. The NER model is the one {@code quotewire.nlp.ner-model} names
 * as a system property or an environment variable; one set elsewhere (application.properties) is loaded by the
 * analyzer when it starts.
 */
@QuarkusMain
public class NlpMain {

    /**
     * A system property: when true, the service starts, analyses a sample article and exits
     * ({@link ClassArchiveRun}): the package build's start that makes the class-data archive.
     */
    public static final String CLASS_ARCHIVE_RUN = "quotewire.nlp.class-archive-run";

    public static void main(String... args) {
        Analyzer.preload(System.getProperty("quotewire.nlp.ner-model",
                System.getenv().getOrDefault("QUOTEWIRE_NLP_NER_MODEL", Analyzer.DEFAULT_NER_MODEL)));
        Embedder.preload();
        if (Boolean.getBoolean(CLASS_ARCHIVE_RUN)) {
            Quarkus.run(ClassArchiveRun.class, args);
        } else {
            Quarkus.run(args);
        }
    }
}
