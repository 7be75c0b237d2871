package io.github.voicegender.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.SampleModel;
import io.github.voicegender.model.GenderClassifier;
import io.github.voicegender.prediction.SegmentedClassifier;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The web server under concurrent load with the real model: a 10-second WAV clip posted to {@code
 * /api/predict} on loopback by 1, 4, 8 and 32 clients at once (400 requests per level after 100
 * warm-up requests), the server with its defaults (one worker per core, 4 waiting). Reports
 * answered requests per second and the latency percentiles of the 200s, and how many got 503. A
 * benchmark, not a timed test. Run with
 *
 * <pre>
 *   ./mvnw -q -B -pl gender-core test -Dtest=WebLoadBenchmarkTest -Dbenchmark=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class WebLoadBenchmarkTest {

  private static final int REQUESTS = 400;

  @Test
  void concurrentTenSecondUploads() throws Exception {
    byte[] wav = WavEncoder.encode16BitMono(SampleModel.tenSecondFemaleClip());
    try (GenderClassifier model = GenderClassifier.of(SampleModel.bundle());
        GenderWebServer server = GenderWebServer.builder(new SegmentedClassifier(model)).port(0).start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/api/predict"))
          .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
      for (int i = 0; i < 100; i++) {
        http.send(request, HttpResponse.BodyHandlers.ofString());
      }
      System.out.printf(Locale.ROOT, "Web server under load: 10 s WAV (%d bytes), %d cores, %d requests per level%n",
          wav.length, Runtime.getRuntime().availableProcessors(), REQUESTS);
      System.out.println("| clients | answered/s | 200/s | 503 | p50 | p90 | p99 | max |");
      for (int clients : new int[] {1, 4, 8, 32}) {
        level(http, request, clients);
      }
    }
  }

  private static void level(HttpClient http, HttpRequest request, int clients) throws Exception {
    long[] nanos = new long[REQUESTS];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger busy = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < REQUESTS) {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
              nanos[i] = System.nanoTime() - t;
              ok.incrementAndGet();
              assertTrue(response.body().contains("\"label\":\"female\""), response.body());
            } else {
              assertEquals(503, response.statusCode(), response.body());
              nanos[i] = -1;
              busy.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] served = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
    System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", clients,
        REQUESTS / seconds, ok.get() / seconds, busy.get(), pct(served, 0.5), pct(served, 0.9), pct(served, 0.99),
        served[served.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
  }
}
