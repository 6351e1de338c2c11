package io.quotewire.bench;

import java.util.concurrent.Callable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quotewire.contract.ConsumerGroups;
import io.quotewire.contract.Topics;
import io.quotewire.embedded.EmbeddedKafka;
import io.quotewire.embedded.EmbeddedPostgresServer;
import io.quotewire.embedded.Ports;
import io.quotewire.stack.LocalStack;
import io.quotewire.stack.ServiceProcess;
import io.quotewire.stack.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./quotewire bench query}: query-service on its own Kafka and PostgreSQL (started here, in a
 * temporary directory), filled with synthetic articles made from the contract fixtures (the two seeds'
 * article, entities and quotes events; each copy with its own id, date, source, a few people and
 * organisations of its own and quotes of its own). Prints projection throughput (articles with their
 * entity and quote events per second) and query latency p50/p99 per endpoint under a fixed request rate
 * from an open-loop load generator.
 */
@Command(name = "query", mixinStandardHelpOptions = true, description = "query-service alone on its own Kafka and PostgreSQL: projects synthetic articles, then queries at a fixed rate; articles/s and p50/p99 per endpoint.")
public final class QueryBenchmark implements Callable<Integer> {

    @Option(names = "--articles", defaultValue = "50000", description = "synthetic articles projected first (${DEFAULT-VALUE})")
    int articles;
    @Option(names = "--rate", defaultValue = "200", description = "requests/s (${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--seconds", defaultValue = "30", description = "measured seconds (${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--warmup", defaultValue = "10", description = "unmeasured seconds of load first (${DEFAULT-VALUE})")
    int warmupSeconds;
    @Option(names = "--pages", description = "then time the first render of each web page in headless Chromium")
    boolean pages;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the embedded broker is chatty
        Path root = Path.of(System.getProperty("quotewire.root", ".")).toAbsolutePath();
        Path home = Files.createTempDirectory(root.resolve("benchmarks/stack/target"), "bench-query-");
        Fixtures fixtures = Fixtures.load();
        System.out.printf("Query benchmark: %d synthetic articles, then %d requests/s for %d s (%d cores; data in %s)%n",
                articles, rate, seconds, Runtime.getRuntime().availableProcessors(), home);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(home.resolve("kafka"), Ports.freePort(), Duration.ofSeconds(90));
                EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(home.resolve("postgres"),
                        home.resolve("postgres-binaries"), Ports.freePort(), Duration.ofSeconds(90))) {
            kafka.createTopics(LocalStack.TOPICS, 6, Topics::retention);
            pg.createDatabase("quotewire");
            // the topics are written first, so the projection is measured alone (as when the read model is
            // rebuilt from the topics), not competing for the CPU with this generator
            Generated generated = fill(kafka, fixtures, articles);
            int port = Ports.freePort();
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", pg.reactiveUrl("quotewire"));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl("quotewire"));
            env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
            ServiceProcess query = ServiceProcess.start("query-service",
                    root.resolve("query-service/target/quarkus-app/quarkus-run.jar"), port,
                    System.getenv().getOrDefault("QUOTEWIRE_QUERY_HEAP", "256m"),
                    (LocalStack.QUERY_JVM_OPTIONS + " " + System.getenv().getOrDefault("QUOTEWIRE_JAVA_OPTS", "")).trim(), env,
                    home.resolve("query-service.log"));
            // Ctrl-C or a kill runs no finally block: the service must not outlive the benchmark (and hog the CPU
            // of the next one)
            Thread stopOnExit = new Thread(() -> query.stop(Duration.ofSeconds(5)), "stop-query-service");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            try {
                long started = System.nanoTime();
                long deadline = started + Duration.ofSeconds(120).toNanos();
                while (!query.isReady()) {
                    if (!query.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("query-service did not start: " + query.logTail(30));
                    }
                    Thread.sleep(100);
                }
                long ready = System.nanoTime();
                HostSteal.Snapshot stealFrom = HostSteal.now();
                awaitDrained(kafka, URI.create("http://localhost:" + port));
                double total = (System.nanoTime() - ready) / 1e9;
                System.out.printf("projection: %d articles with their entity, quote and profile events (%d events) in %.1f s "
                        + "from the service being ready (%.1f s after its start): %.0f articles/s (%.0f events/s)%n",
                        articles, 4L * articles, total, (ready - started) / 1e9, articles / total, 4 * articles / total);
                System.out.printf("  host steal while projecting: %s (CPU time the hypervisor gave to others)%n",
                        HostSteal.format(stealFrom.percentUntil(HostSteal.now())));
                batches(URI.create("http://localhost:" + port));
                analyse(pg);
                System.out.printf("warm-up: %d s at %d requests/s, not measured%n", warmupSeconds, rate);
                // one pool of threads, each keeping its connection alive, for the warm-up and the measurement: the
                // measured requests reuse warm connections and threads (new ones made the first 10 s the slowest)
                System.setProperty("http.maxConnections", Integer.toString(GENERATOR_THREADS));
                java.util.concurrent.ExecutorService workers = Executors.newFixedThreadPool(GENERATOR_THREADS);
                try {
                    URI base = URI.create("http://localhost:" + port);
                    load(workers, base, generated, rate, warmupSeconds, false);
                    load(workers, base, generated, rate, seconds, true);
                } finally {
                    workers.shutdownNow();
                }
                if (pages) {
                    timePages(URI.create("http://localhost:" + port), generated);
                }
            } finally {
                query.stop(Duration.ofSeconds(20));
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            }
        }
        return 0;
    }

    /**
     * Each web page's first render in headless Chromium, as the page measures it (from the start of the navigation
     * until its data is on screen): three unmeasured loads, then ten.
     */
    private static void timePages(URI base, Generated g) throws Exception {
        java.util.Optional<Browser> opened = Browser.open(1280, 900);
        if (opened.isEmpty()) {
            System.out.println("pages: no chromium and chromedriver here (apt-get install chromium chromium-driver): not timed");
            return;
        }
        Random r = new Random(7);
        String entity = pick(g.entityIds(), r);
        JsonNode quotes = JSON.readTree(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                base.resolve("/api/quotes?size=1&page=" + r.nextInt(1000))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        String quote = quotes.at("/items/0/id").asText();
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        urls.put("Now", "/");
        urls.put("search", "/?q=" + pick(g.names(), r).replace(" ", "%20"));
        urls.put("entity", "/?entity=" + entity);
        urls.put("article", "/?article=" + pick(g.articleIds(), r));
        urls.put("quote", "/?quote=" + quote);
        System.out.println("pages: first render (navigation start to data on screen), ms, of ten loads after three:");
        try (Browser browser = opened.get()) {
            for (Map.Entry<String, String> page : urls.entrySet()) {
                List<Long> ms = new ArrayList<>();
                for (int i = 0; i < 13; i++) {
                    long t = browser.timeRender(base.resolve(page.getValue()).toString(), Duration.ofSeconds(30));
                    if (i >= 3) {
                        ms.add(t);
                    }
                }
                java.util.Collections.sort(ms);
                System.out.printf("  %-8s p50 %4d  max %4d   %s%n", page.getKey(), ms.get(ms.size() / 2), ms.get(ms.size() - 1),
                        page.getValue());
            }
        }
    }

    /** The ids the load generator asks for. */
    record Generated(List<String> articleIds, List<String> entityIds, List<String> names) {
    }

    private static Generated fill(EmbeddedKafka kafka, Fixtures f, int n) throws Exception {
        Random random = new Random(42);
        List<String> articleIds = new ArrayList<>();
        List<String> entityIds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                int t = i % 2;
                String id = String.format("bench-%06d", i);
                articleIds.add(id);
                ObjectNode article = f.article.deepCopy();
                String published = java.time.LocalDate.of(2020, 1, 1).plusDays(i % 366).toString();
                article.put("id", id).put("text", "Bulletin " + i + ". " + article.get("text").asText())
                        .put("publishedAt", published)
                        .put("source", "outlet-" + (i % 25)).put("ingestedAt", java.time.Instant.now().toString());
                article.remove("url");
                ObjectNode entities = f.entities.get(t).deepCopy();
                entities.put("articleId", id).put("publishedAt", published); // as nlp-service passes it on
                ArrayNode list = (ArrayNode) entities.get("entities");
                for (int k = 0; k < 3; k++) { // people and organisations of their own, from a pool of 20,000
                    int who = random.nextInt(20_000);
                    boolean person = k < 2;
                    String name = person ? "Alex" + who + " Example" + who : "Example Org " + who;
                    ObjectNode e = list.addObject();
                    e.put("id", "ebench" + (person ? "p" : "o") + who).put("name", name)
                            .put("type", person ? "PERSON" : "ORGANIZATION").put("salience", 0.01);
                    e.putArray("aliases");
                    e.putArray("mentions").addObject().put("start", 0).put("end", 1).put("text", name);
                    if (i < 2000) {
                        entityIds.add(e.get("id").asText());
                        names.add(person ? "example" + who : "org " + who);
                    }
                }
                ObjectNode quotes = f.quotes.get(t).deepCopy();
                quotes.put("articleId", id);
                int q = 0;
                for (JsonNode quote : quotes.get("quotes")) {
                    // most quotes are the article's own; one in a hundred articles repeats the seed's quotes
                    if (i % 100 != 0) {
                        ((ObjectNode) quote).put("id", "qbench" + i + "-" + q++);
                    }
                }
                producer.send(new ProducerRecord<>(Topics.ARTICLES, id, article.toString()));
                producer.send(new ProducerRecord<>(Topics.ENTITIES, id, entities.toString()));
                producer.send(new ProducerRecord<>(Topics.QUOTES, id, quotes.toString()));
                producer.send(new ProducerRecord<>(Topics.PROFILES, id, profile(id, published, list, i).toString()));
            }
            producer.flush();
        }
        System.out.printf("written to Kafka: %d articles with their entity and quote events in %.1f s%n", n,
                (System.nanoTime() - start) / 1e9);
        entityIds.addAll(f.seedEntityIds);
        return new Generated(articleIds, entityIds, names);
    }

    /**
     * A profile for story assignment: articles come in events of five reports in a row (an embedding near the
     * event's direction, its people and organisations), so stories form and grow while the projection runs.
     */
    private static ObjectNode profile(String id, String published, ArrayNode entities, int i) {
        int event = i / 5;
        Random er = new Random(event);
        Random noise = new Random(i);
        ObjectNode p = JSON.createObjectNode().put("schemaVersion", 1).put("analyzerVersion", "bench").put("articleId", id)
                .put("revision", "0000000000000000").put("publishedAt", published).put("analyzedAt", "2020-01-01T00:00:00Z");
        double[] v = new double[384];
        double norm = 0;
        for (int k = 0; k < v.length; k++) {
            v[k] = er.nextGaussian() + 0.4 * noise.nextGaussian();
            norm += v[k] * v[k];
        }
        ArrayNode embedding = p.putArray("embedding");
        for (double x : v) {
            embedding.add((float) (x / Math.sqrt(norm)));
        }
        ArrayNode list = p.putArray("entities");
        for (int k = entities.size() - 3; k < entities.size(); k++) {
            list.addObject().put("id", entities.get(k).get("id").asText()).put("salience", 0.2);
        }
        list.addObject().put("id", "ebenchevent" + event).put("salience", 0.4);
        p.putArray("quoteIds");
        return p;
    }

    private static void awaitDrained(EmbeddedKafka kafka, URI base) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(Topics.ARTICLES, Topics.ENTITIES, Topics.QUOTES, Topics.PROFILES)) {
                for (int p = 0; p < Topics.partitions(topic, 6); p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            long total = ends.values().stream().mapToLong(o -> o.offset()).sum();
            long last = 0;
            long fifthDone = 0; // when a fifth, and then four fifths, of the events were projected
            long fourFifthsDone = 0;
            // story assignment's cost per article over the first and the last tenth of the profiles: it should not
            // grow with the number of stories
            TopicPartition profiles = new TopicPartition(Topics.PROFILES, 0);
            long profilesTotal = ends.get(profiles).offset();
            double[] tenth = null;
            double[] nineTenths = null;
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
                for (String topic : ConsumerGroups.QUERY_TOPICS) {
                    committed.putAll(admin.listConsumerGroupOffsets(ConsumerGroups.query(topic))
                            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
                }
                long profilesDone = committed.containsKey(profiles) ? committed.get(profiles).offset() : 0;
                if (tenth == null && profilesDone >= profilesTotal / 10) {
                    tenth = assignment(base);
                }
                if (nineTenths == null && profilesDone >= profilesTotal * 9 / 10) {
                    nineTenths = assignment(base);
                }
                long behind = 0;
                for (var e : ends.entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    behind += e.getValue().offset() - (c == null ? 0 : c.offset());
                }
                long now = System.nanoTime();
                if (fifthDone == 0 && behind <= total * 4 / 5) {
                    fifthDone = now;
                }
                if (fourFifthsDone == 0 && behind <= total / 5) {
                    fourFifthsDone = now;
                }
                if (behind <= 0) {
                    double[] all = assignment(base);
                    if (tenth != null && nineTenths != null && tenth[0] > 0 && all[0] > nineTenths[0]) {
                        System.out.printf("  story assignment: %.2f ms per article over the first tenth of %d profiles, "
                                + "%.2f ms over the last tenth (batches of %.0f and %.0f profiles)%n",
                                1000 * tenth[1] / tenth[0], profilesTotal,
                                1000 * (all[1] - nineTenths[1]) / (all[0] - nineTenths[0]), tenth[0] / tenth[2],
                                (all[0] - nineTenths[0]) / Math.max(1, all[2] - nineTenths[2]));
                    }
                    // the middle three fifths: past the service's warm-up (its JIT compiler takes much of the CPU
                    // in the first minute) and before the tail, where the entities consumer runs alone; a load
                    // projected between two looks has no middle to time
                    if (fourFifthsDone > fifthDone) {
                        System.out.printf("  the middle three fifths of the events: %.0f articles/s%n",
                                0.6 * total / 3 / ((fourFifthsDone - fifthDone) / 1e9));
                    }
                    return;
                }
                if (System.nanoTime() - last > 10_000_000_000L) {
                    System.out.printf("  ... %d events still to project%n", behind);
                    last = System.nanoTime();
                }
                Thread.sleep(250);
            }
        }
    }

    /** Profiles assigned so far, the seconds their batches took, and the batches: from the service's metrics. */
    private static double[] assignment(URI base) throws Exception {
        Map<String, Double> m = metrics(base);
        String tag = "{topic=\"" + Topics.PROFILES + "\"}";
        return new double[] { m.getOrDefault("quotewire_query_batch_size_sum" + tag, 0.0),
            m.getOrDefault("quotewire_query_batch_duration_seconds_sum" + tag, 0.0),
            m.getOrDefault("quotewire_query_batch_size_count" + tag, 0.0) };
    }

    private static Map<String, Double> metrics(URI base) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> m = new HashMap<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("quotewire_query_batch_")) {
                int space = line.lastIndexOf(' ');
                m.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return m;
    }

    /** How the projection batched: events per poll and time per batch, by topic (from the service's metrics). */
    private static void batches(URI base) throws Exception {
        Map<String, Double> m = metrics(base);
        for (String topic : List.of(Topics.ARTICLES, Topics.ENTITIES, Topics.QUOTES, Topics.PROFILES)) {
            String tag = "{topic=\"" + topic + "\"}";
            double n = m.getOrDefault("quotewire_query_batch_size_count" + tag, 0.0);
            double events = m.getOrDefault("quotewire_query_batch_size_sum" + tag, 0.0);
            double seconds = m.getOrDefault("quotewire_query_batch_duration_seconds_sum" + tag, 0.0);
            System.out.printf("  %-9s %6.0f batches, %5.1f events per batch, %6.1f ms per batch, %5.1f s in all%n", topic, n,
                    n == 0 ? 0 : events / n, n == 0 ? 0 : 1000 * seconds / n, seconds);
        }
    }

    /**
     * Fresh planner statistics after the bulk load, as autovacuum would gather within a minute or two of it:
     * without them PostgreSQL plans for the empty tables the migrations made, and the queries measure that.
     */
    private static void analyse(EmbeddedPostgresServer pg) throws java.sql.SQLException {
        long t0 = System.nanoTime();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(StackConfig.DATABASE),
                EmbeddedPostgresServer.USER, ""); java.sql.Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE");
        }
        System.out.printf("VACUUM ANALYZE after the load: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Requests the generator can have in flight; more wait for a thread, and their wait counts in their latency. */
    private static final int GENERATOR_THREADS = 64;

    /**
     * One GET, its body read to the end so that the connection is kept alive for the thread's next request. The
     * blocking {@link java.net.HttpURLConnection} costs the generator a third less CPU per request than the
     * asynchronous {@link HttpClient} (0.83 against 1.26 ms, measured beside the service): on two cores the
     * generator's CPU is taken from the service it measures.
     */
    private static int get(URI uri) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        int status = c.getResponseCode();
        try (java.io.InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        }
        return status;
    }

    /** Open-loop load: requests start on schedule whatever the answers' speed; latency per endpoint. */
    private static void load(java.util.concurrent.ExecutorService workers, URI base, Generated g, int rate,
            int seconds, boolean report) throws Exception {
        Random random = new Random(7);
        long total = (long) rate * seconds;
        // every latency and endpoint by its request's number: written once per request, no allocation or copying
        // in the generator while it measures (its own pauses would count as the service's latency)
        long[] took = new long[(int) total];
        String[] kindOf = new String[(int) total];
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch((int) total);

        AtomicLong errors = new AtomicLong();
        long periodNanos = 1_000_000_000L / rate;
        HostSteal.Sampler steal = new HostSteal.Sampler(10);
        long cpuBefore = processCpuNanos();
        long[] gcBefore = gcCountAndMillis();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * periodNanos; // open loop: each request starts on schedule
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String[] request = request(g, random);
            int number = (int) i;
            kindOf[number] = request[0];
            workers.submit(() -> {
                long t0 = due; // from the scheduled start: a request the generator could not start on time counts late
                try {
                    if (get(base.resolve(request[1])) >= 400) {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                took[number] = System.nanoTime() - t0;
                done.countDown();
            });
        }
        done.await(30, TimeUnit.SECONDS);
        List<Double> stolen = steal.stop();
        long cpu = processCpuNanos() - cpuBefore;
        long[] gcAfter = gcCountAndMillis();
        if (!report) {
            return;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("queries: %d requests in %.1f s (%.0f/s offered), %d errors%n", total, elapsed, total / elapsed,
                errors.get());
        Map<String, List<Long>> latencies = new java.util.TreeMap<>();
        for (int i = 0; i < total; i++) {
            latencies.computeIfAbsent(kindOf[i], k -> new ArrayList<>()).add(took[i]);
        }
        latencies.forEach((k, v) -> {
            long[] l = v.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  %-28s %6d requests  p50 %6.1f ms  p99 %6.1f ms%n", k, l.length, Percentiles.millis(l, 0.5), Percentiles.millis(l, 0.99));
        });
        long[] l = took.clone();
        java.util.Arrays.sort(l);
        System.out.printf("  %-28s %6d requests  p50 %6.1f ms  p99 %6.1f ms%n", "all", l.length, Percentiles.millis(l, 0.5), Percentiles.millis(l, 0.99));
        // a tail spread over the run is the load's; one in a window is a stall (compilation, a checkpoint)
        StringBuilder byWindow = new StringBuilder("  p99 of each 10 s:");
        for (int w = 0; w * 10 < seconds; w++) {
            int from = w * 10 * rate;
            int to = (int) Math.min(total, (long) (w + 1) * 10 * rate);
            long[] part = java.util.Arrays.copyOfRange(took, from, to);
            java.util.Arrays.sort(part);
            byWindow.append(String.format(" %.1f ms", Percentiles.millis(part, 0.99)));
        }
        System.out.println(byWindow);
        StringBuilder stealByWindow = new StringBuilder("  host steal of each 10 s:");
        stolen.stream().limit((seconds + 9) / 10).forEach(p -> stealByWindow.append(' ').append(HostSteal.format(p)));
        System.out.println(stealByWindow);
        // the generator shares the cores with the service: what it took is not the service's to use
        System.out.printf("  load generator (this JVM, beside an idle Kafka broker): %.0f %% of a core, %.2f ms CPU per "
                + "request; %d collections, %d ms in GC%n", 100.0 * cpu / (elapsed * 1e9), cpu / 1e6 / total,
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Collections and milliseconds of collection of this JVM so far, all collectors together. */
    private static long[] gcCountAndMillis() {
        long[] n = new long[2];
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans()) {
            n[0] += Math.max(0, gc.getCollectionCount());
            n[1] += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    private static String[] request(Generated g, Random r) {
        int kind = r.nextInt(100);
        if (kind < 25) {
            return new String[] { "GET /api/articles", "/api/articles?page=" + r.nextInt(50) + "&size=20" };
        }
        if (kind < 45) {
            return new String[] { "GET /api/articles/{id}", "/api/articles/" + pick(g.articleIds(), r) };
        }
        if (kind < 65) {
            return new String[] { "GET /api/entities?q=", "/api/entities?q=" + pick(g.names(), r).replace(" ", "%20") };
        }
        if (kind < 80) {
            return new String[] { "GET /api/entities/{id}", "/api/entities/" + pick(g.entityIds(), r) };
        }
        if (kind < 90) {
            return new String[] { "GET /api/quotes?speaker=", "/api/quotes?speaker=" + pick(g.entityIds(), r) };
        }
        if (kind < 94) {
            return new String[] { "GET /api/entities", "/api/entities?type=PERSON&sort=articles" };
        }
        if (kind < 97) { // the Now page's two lists
            return new String[] { "GET /api/entities/trending", "/api/entities/trending?hours=24&limit=10" };
        }
        return new String[] { "GET /api/live/quotes/latest", "/api/live/quotes/latest?limit=20" };
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    /**
     * The contract fixtures the synthetic events are made from: the sample article record (its text serves every
     * copy; the read model does not check offsets against it), and both samples' entities and quotes.
     */
    private record Fixtures(ObjectNode article, List<ObjectNode> entities, List<ObjectNode> quotes,
            List<String> seedEntityIds) {

        static Fixtures load() throws IOException {
            ObjectNode article = value("article-submitted.v1.json");
            List<ObjectNode> entities = List.of(value("entities-extracted.v1.json"), value("entities-extracted.seed-001.json"));
            List<String> ids = new ArrayList<>();
            entities.forEach(e -> e.get("entities").forEach(x -> ids.add(x.get("id").asText())));
            return new Fixtures(article, entities,
                    List.of(value("quotes-extracted.v1.json"), value("quotes-extracted.seed-001.json")), ids);
        }

        private static ObjectNode value(String fixture) throws IOException {
            return (ObjectNode) JSON.readTree(io.quotewire.contract.Fixtures.fixture(fixture)).get("value");
        }
    }

}
