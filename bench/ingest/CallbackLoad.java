import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop callback load: sends POST /webhooks/scale at a fixed rate for a fixed time, each with
 * a unique task id, and reports accepted/s and latency percentiles. Latency is measured from the
 * moment a request was due, not sent, so a stalled server shows (no coordinated omission).
 *
 * <p>java bench/ingest/CallbackLoad.java URL CALLBACK_KEY RATE SECONDS ID_PREFIX
 */
public class CallbackLoad {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String key = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        String prefix = args[4];
        int total = rate * seconds;
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>(total));
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        AtomicInteger sent = new AtomicInteger();
        var ticker = scheduler.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    int due = (int) Math.min(total, (now - start) / intervalNanos + 1);
                    while (sent.get() < due) {
                        int i = sent.getAndIncrement();
                        long dueAt = start + i * intervalNanos;
                        String body = "{\"task_id\":\"" + prefix + "_" + i + "\",\"status\":\"completed\"}";
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .header("scale-callback-auth", key)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                        inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                                .whenComplete((response, error) -> {
                                    latencies.add(System.nanoTime() - dueAt);
                                    if (error == null && response.statusCode() == 202) {
                                        accepted.incrementAndGet();
                                    } else {
                                        failed.incrementAndGet();
                                    }
                                }));
                    }
                },
                0,
                1,
                TimeUnit.MILLISECONDS);
        while (sent.get() < total) {
            Thread.sleep(10);
        }
        ticker.cancel(false);
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        scheduler.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "rate=%d/s sent=%d accepted=%d failed=%d accepted_per_s=%.0f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
                rate,
                total,
                accepted.get(),
                failed.get(),
                accepted.get() / elapsed,
                pct(sorted, 0.50),
                pct(sorted, 0.90),
                pct(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        System.exit(0);
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
