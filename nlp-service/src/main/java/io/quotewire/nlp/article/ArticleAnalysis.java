package io.quotewire.nlp.article;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quotewire.nlp.Topics;
import io.quotewire.nlp.analysis.Analysis;
import io.quotewire.nlp.analysis.TimedAnalyzer;
import io.quotewire.nlp.events.AnalysisPublisher;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code articles} (group {@code nlp-service}) on a pool of worker threads ({@code nlp-workers},
 * size {@code quotewire.nlp.workers}), analyses each article and publishes its two events. The record is
 * acknowledged (and its offset committed) only after Kafka has both events; a record that cannot be read,
 * or whose analysis fails or runs too long, is nacked and lands on {@code articles.dlq} with the reason in
 * its headers, and the consumer goes on.
 */
@ApplicationScoped
public class ArticleAnalysis {

    private static final Logger LOG = Logger.getLogger(ArticleAnalysis.class);

    private final TimedAnalyzer analyzer;
    private final AnalysisPublisher publisher;
    private final ObjectMapper json;
    private final int maxChars;
    private final Counter analysed;
    private final MeterRegistry registry;

    public ArticleAnalysis(TimedAnalyzer analyzer, AnalysisPublisher publisher, ObjectMapper json, MeterRegistry registry,
            @ConfigProperty(name = "quotewire.nlp.max-text-chars", defaultValue = "1048576") int maxChars) {
        this.analyzer = analyzer;
        this.publisher = publisher;
        this.json = json;
        this.maxChars = maxChars;
        this.registry = registry;
        this.analysed = Counter.builder("quotewire.nlp.articles").tag("outcome", "analysed").register(registry);
    }

    @Incoming(Topics.ARTICLES_IN)
    @Blocking(value = "nlp-workers", ordered = false)
    public CompletionStage<Void> analyse(Message<byte[]> record) {
        ArticleSubmitted article;
        Analysis analysis;
        try {
            article = ArticleSubmitted.read(json, record.getPayload(), maxChars);
            analysis = analyzer.analyze(article.text());
        } catch (ArticleSubmitted.Unreadable | TimedAnalyzer.TooSlow e) {
            return deadLetter(record, e, e instanceof TimedAnalyzer.TooSlow ? "timeout" : "unreadable");
        } catch (RuntimeException e) {
            LOG.warn("analysis failed", e);
            return deadLetter(record, new IllegalStateException("the analysis failed: " + e), "failed");
        }
        return publisher.publish(article.id(), article.revision(), article.publishedAt(), analysis)
                .thenCompose(done -> {
                    analysed.increment();
                    return record.ack();
                })
                .exceptionallyCompose(f -> {
                    // the events were not written: not this record's fault, but it must not be committed
                    LOG.warnf("could not publish the analysis of %s: %s", article.id(), f);
                    return record.nack(f);
                });
    }

    private CompletionStage<Void> deadLetter(Message<byte[]> record, Exception reason, String outcome) {
        Counter.builder("quotewire.nlp.articles").tag("outcome", "dead-lettered-" + outcome).register(registry)
                .increment();
        LOG.infof("article record to %s: %s", Topics.ARTICLES_DLQ, reason.getMessage());
        return record.nack(reason);
    }
}
