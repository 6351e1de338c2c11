package io.quotewire.nlp;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.QuarkusApplication;
import io.quotewire.contract.Fixtures;
import io.quotewire.nlp.analysis.Analyzer;
import io.quotewire.nlp.story.Embedder;
import io.quotewire.nlp.story.Lede;

/**
 * The start the build makes for the class-data archive ({@link NlpMain#CLASS_ARCHIVE_RUN}): the service starts as
 * it always does (HTTP, Kafka clients, metrics, the models), analyses a sample article as it would an article
 * from the topic, and exits. The JVM, started with {@code -XX:ArchiveClassesAtExit}, then archives every class
 * it loaded, so that a start with that archive loads none of them from the jars.
 */
public class ClassArchiveRun implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(ClassArchiveRun.class);

    private final Analyzer analyzer;
    private final Embedder embedder;

    @Inject
    public ClassArchiveRun(Analyzer analyzer, Embedder embedder) {
        this.analyzer = analyzer;
        this.embedder = embedder;
    }

    @Override
    public int run(String... args) {
        String text = Fixtures.sampleText(Fixtures.SAMPLES.get(0));
        var analysis = analyzer.analyze(text);
        embedder.embed(Lede.of(null, text));
        LOG.infof("class-data archive run: a sample analysed (%d entities, %d quotes); exiting",
                analysis.entities().size(), analysis.quotes().size());
        return 0;
    }
}
