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
     * When true (as a system property, or {@code QUOTEWIRE_NLP_CLASS_ARCHIVE_RUN}), the service starts, analyses a
     * sample article and exits ({@link ClassArchiveRun}): the package build's start that makes the class-data archive.
     */
    public static final String CLASS_ARCHIVE_RUN = "quotewire.nlp.class-archive-run";

    public static void main(String... args) {
        Analyzer.preload(setting("quotewire.nlp.ner-model", Analyzer.DEFAULT_NER_MODEL));
        Embedder.preload();
        if (Boolean.parseBoolean(setting(CLASS_ARCHIVE_RUN, "false"))) {
            Quarkus.run(ClassArchiveRun.class, args);
        } else {
            Quarkus.run(args);
        }
    }

    /**
     * A setting read before Quarkus's configuration is: a system property, else its environment variable
     * ({@code quotewire.nlp.ner-model}: {@code QUOTEWIRE_NLP_NER_MODEL}), else {@code dflt}.
     */
    private static String setting(String property, String dflt) {
        String env = property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        return System.getProperty(property, System.getenv().getOrDefault(env, dflt));
    }
}
