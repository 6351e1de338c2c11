package io.quotewire.nlp.story;

import java.util.concurrent.CompletableFuture;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.quarkus.runtime.Startup;

/**
 * The embedding an article's story is found by: all-MiniLM-L6-v2 (quantized, 384 dimensions, unit length, run in
 * the JVM by ONNX Runtime) over the article's lede, its title and the first {@link #LEDE_WORDS} words of its text.
 * The lede says what happened; the rest of an article adds background that other stories share, and the model's
 * cost grows with its input (about 6 ms of CPU for 32 words on a 2-core machine). The lede's length was chosen by
 * cross-validation ({@code benchmarks/nlp/stories.sh}). Thread-safe; the model loads in the background.
 *
 * <p>ONNX Runtime runs each embedding on one thread. Its default, a thread per core that spins while it waits for
 * work, makes one embedding faster (3.8-4.9 ms against 5.6-6.2 ms) but costs more CPU (7.6-9.7 ms against
 * 5.8-6.4 ms on this machine): the service already analyses articles in parallel, and its throughput is bound by
 * the CPU, not by one article's latency. The vectors are the same.
 */
@Startup
@Singleton
public class Embedder {

    private static final Logger LOG = Logger.getLogger(Embedder.class);

    public static final int LEDE_WORDS = 32;
    /** The model and the lede's length, as the events name them ({@code embeddingModel}). */
    public static final String MODEL = "all-minilm-l6-v2-q/lede-" + LEDE_WORDS;

    private final CompletableFuture<EmbeddingModel> model;
    private final int words;

    public Embedder() {
        this(LEDE_WORDS);
    }

    public Embedder(int words) {
        this.words = words;
        this.model = preload();
    }

    /** The model, loading or loaded: one load per JVM, started by the first call of {@link #preload}. */
    private static final class Shared {
        static final CompletableFuture<EmbeddingModel> MODEL = load();
    }

    /** Starts loading the model in the background unless it is loading or loaded already. */
    public static CompletableFuture<EmbeddingModel> preload() {
        return Shared.MODEL;
    }

    private static CompletableFuture<EmbeddingModel> load() {
        long t0 = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            EmbeddingModel m = singleThreaded();
            LOG.infof("embedding model ready in %d ms", (System.nanoTime() - t0) / 1_000_000);
            return m;
        }, runnable -> {
            Thread t = new Thread(runnable, "embedding-loader");
            t.setDaemon(true);
            t.start();
        });
    }

    /** LangChain4j's all-MiniLM-L6-v2 (quantized), its ONNX session on one thread. */
    private static EmbeddingModel singleThreaded() {
        try (var onnx = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx");
                var tokenizer = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json");
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, environment.createSession(onnx.readAllBytes(), options),
                    tokenizer, PoolingMode.MEAN);
            return new AbstractInProcessEmbeddingModel(Runnable::run) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }
            };
        } catch (java.io.IOException | OrtException e) {
            throw new IllegalStateException("cannot load the embedding model", e);
        }
    }

    /** Whether the model is loaded (readiness). */
    public boolean loaded() {
        return model.isDone() && !model.isCompletedExceptionally();
    }

    /** The embedding of the article whose lede this is; waits for the model. */
    public float[] embed(Lede lede) {
        return model.join().embed(lede.words(words)).content().vector();
    }
}
