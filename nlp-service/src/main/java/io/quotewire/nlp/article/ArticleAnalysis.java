package io.quotewire.nlp.article;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

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
import io.quotewire.nlp.events.ArticleProfiled;
import io.quotewire.nlp.story.Dateline;
import io.quotewire.nlp.story.Embedder;
import io.quotewire.nlp.story.Lede;
import io.quotewire.nlp.story.StorySignals;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.quotewire.nlp.NlpConfig;

/**
 * Consumes {@code articles} (group {@code nlp-service}) on a pool of worker threads ({@code nlp-workers},
 * size {@code quotewire.nlp.workers}), analyses each article and publishes its two events. The record is
 * acknowledged (and its offset committed) only after Kafka has all three events, which are written again with
 * back-off for as long as the broker does not take them; a record that cannot be read, or whose analysis fails
 * or runs too long, is nacked and lands on {@code articles.dlq} with the reason in its headers, and the consumer
 * goes on.
 */
@ApplicationScoped
public class ArticleAnalysis {

    private static final Logger LOG = Logger.getLogger(ArticleAnalysis.class);

    private final TimedAnalyzer analyzer;
    private final Embedder embedder;
    private final CrashGuard crashGuard;
    private final AnalysisPublisher publisher;
    private final ObjectMapper json;
    private final int maxChars;
    private final Counter analysed;
    private final MeterRegistry registry;

    public ArticleAnalysis(TimedAnalyzer analyzer, Embedder embedder, CrashGuard crashGuard, AnalysisPublisher publisher, ObjectMapper json, MeterRegistry registry,
            NlpConfig config) {
        this.analyzer = analyzer;
        this.embedder = embedder;
        this.crashGuard = crashGuard;
        this.publisher = publisher;
        this.json = json;
        this.maxChars = config.maxTextChars();
        this.registry = registry;
        this.analysed = Counter.builder("quotewire.nlp.articles").tag("outcome", "analysed").register(registry);
    }

    @Incoming(Topics.ARTICLES_IN)
    @Blocking(value = "nlp-workers", ordered = false)
    public CompletionStage<Void> analyse(Message<byte[]> record) {
        String key = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "/" + m.getPartition() + "/" + m.getOffset()).orElse(null);
        String refusal = key == null ? null : crashGuard.refusal(key);
        if (refusal != null) {
            crashGuard.done(key);
            return deadLetter(record, new IllegalStateException(refusal), "crashed");
        }
        ArticleSubmitted article;
        Analysis analysis;

        try {
            article = ArticleSubmitted.read(json, record.getPayload(), maxChars, record
                    .getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTimestamp).orElse(null));
            String text = article.text();
            analysis = key == null ? analyzer.analyze(text) : crashGuard.guard(key, () -> analyzer.analyze(text));
        } catch (ArticleSubmitted.Unreadable | TimedAnalyzer.TooSlow e) {
            return deadLetter(record, e, e instanceof TimedAnalyzer.TooSlow ? "timeout" : "unreadable");
        } catch (RuntimeException e) {
            LOG.warn("analysis failed", e);
            return deadLetter(record, new IllegalStateException("the analysis failed: " + e), "failed");
        }
        Lede lede = Lede.of(article.title(), article.text());
        StorySignals story = new StorySignals(Dateline.of(article.text()), Dateline.monthOf(article.text()), lede.summary(),
                embed(article.id(), lede), lede.named(ArticleProfiled.mostSalient(analysis), Embedder.LEDE_WORDS));
        // the events were not written (the broker is away): not this record's fault, so it is neither committed
        // nor dead-lettered; the same events are written again until Kafka has both (a repeat changes nothing
        // downstream: the read model is idempotent), and the record is acknowledged then
        return Uni.createFrom().completionStage(() -> publisher.publish(article.id(), article.revision(),
                        article.publishedAt(), article.ingestedAt(), analysis, story))
                .onFailure().invoke(f -> LOG.warnf("could not publish the analysis of %s, trying again: %s", article.id(), f))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribeAsCompletionStage()
                .thenCompose(done -> {
                    analysed.increment();
                    return record.ack();
                });
    }

    /** The article's embedding, or null: the analysis stands, and the story is then found by entities and quotes alone. */
    private float[] embed(String articleId, Lede lede) {
        try {
            return embedder.embed(lede);
        } catch (RuntimeException e) {
            LOG.warnf("no embedding for article %s: %s", articleId, e);
            return null;
        }
    }

    private CompletionStage<Void> deadLetter(Message<byte[]> record, Exception reason, String outcome) {
        Counter.builder("quotewire.nlp.articles").tag("outcome", "dead-lettered-" + outcome).register(registry)
                .increment();
        LOG.infof("article record to %s: %s", Topics.ARTICLES_DLQ, reason.getMessage());
        return record.nack(reason);
    }
}
