package io.quotewire.nlp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quotewire.nlp.analysis.Analyzer;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** nlp-service's own settings ({@code quotewire.nlp.*}, env {@code QUOTEWIRE_NLP_*}), each default once. */
@ConfigMapping(prefix = "quotewire.nlp")
public interface NlpConfig {

    /**
     * Threads analysing articles in parallel. Its default is in application.properties, where the messaging
     * layer's worker pool ({@code nlp-workers}) takes its size from it.
     */
    int workers();

    /** The longest text analysed, in characters; a longer article is dead-lettered, a longer request refused. */
    @WithDefault("1048576")
    int maxTextChars();

    /** The time limit of an analysis per started 256 Ki characters of text. */
    @WithDefault("30s")
    Duration analysisTimeout();

    /**
     * Where the records being analysed are noted, so that one whose analysis kills the process is recognised after
     * the restart. Must outlive the process (Kubernetes: an emptyDir).
     */
    @WithDefault("${java.io.tmpdir}/quotewire-nlp-${quarkus.http.port}.journal")
    Path crashJournal();

    /** At its this many'th crash of the process, a record is dead-lettered. */
    @WithDefault("2")
    int maxCrashes();

    /** CoreNLP's NER model, a classpath resource. */
    @WithDefault(Analyzer.DEFAULT_NER_MODEL)
    String nerModel();

    /**
     * Start, analyse a sample article and exit: the package build's start that makes the class-data archive
     * ({@link NlpMain#CLASS_ARCHIVE_RUN}, read from the system properties and the environment before Quarkus starts).
     */
    @WithDefault("false")
    boolean classArchiveRun();

    /** API keys; none: no key needed. See {@link io.quotewire.contract.http.ApiKeys}. */
    Optional<List<String>> apiKeys();
}
