package io.github.voicegender.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.prediction.ClipClassifier;
import io.github.voicegender.prediction.ClipPrediction;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The web server under load, on loopback: many concurrent clients mixing good uploads, oversized
 * ones (declared and chunked) and garbage. Every request gets an answer of the right class, 503
 * only when the admitted uploads exceed the pool, nothing hangs; after stop() the server's threads
 * are gone, and the heap does not grow from round to round. Bounded: a fixed number of requests.
 */
class WebServerLoadTest {

  private static final int WORKERS = 2;
  private static final int QUEUE = 6;
  private static final int MAX_UPLOAD = 64 * 1024;

  private static final byte[] GOOD = Tones.wav(1.0, 220); // 32 KB, a "female" tone
  private static final byte[] OVERSIZED = Tones.wav(3.0, 220); // 96 KB

  /** The stand-in model, a few milliseconds per clip, counting how many run at once. */
  private static final class SlowClassifier implements ClipClassifier {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final ClipClassifier inner = new PitchThresholdClassifier();

    @Override
    public ClipPrediction classify(AudioClip clip) {
      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(3);
        return inner.classify(clip);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        running.decrementAndGet();
      }
    }
  }

  private record Outcome(String kind, int status, String body, boolean retryAfter) {}

  @Test
  void holdsItsLimitsUnderLoadAndLeaksNothing() throws Exception {
    Set<String> threadsBefore = liveThreads();
    SlowClassifier classifier = new SlowClassifier();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    GenderWebServer server = GenderWebServer.builder(classifier).port(0).workerThreads(WORKERS)
        .queueCapacity(QUEUE).maxUploadBytes(MAX_UPLOAD).start();
    assertEquals("127.0.0.1", server.address().getAddress().getHostAddress());
    URI predict = server.uri().resolve("/api/predict");
    long[] usedHeap = new long[3];
    try {
      // As many clients as the server admits: nobody is ever turned away.
      Map<Integer, Integer> calm = round(http, predict, WORKERS + QUEUE, 12, 1);
      assertEquals(0, calm.getOrDefault(503, 0), "503 with the pool never full: " + calm);
      assertTrue(calm.get(200) > 40 && calm.get(400) > 10 && calm.get(413) > 5, calm.toString());

      // Four times as many: some are turned away with 503, the rest still answered in full.
      for (int r = 0; r < 3; r++) {
        Map<Integer, Integer> overload = round(http, predict, 32, 12, 10 + r);
        assertTrue(overload.getOrDefault(503, 0) > 0, "no 503 under overload: " + overload);
        assertTrue(overload.getOrDefault(200, 0) > 20, overload.toString());
        assertTrue(classifier.peak.get() <= WORKERS, "more classifications at once than workers");
        assertEquals(0, server.uploadsInFlight(), "admissions not released");
        usedHeap[r] = usedHeapAfterGc();
      }
    } finally {
      server.stop();
    }
    long growth = usedHeap[2] - usedHeap[0];
    System.out.printf("WebServerLoadTest: used heap after GC, rounds 1 to 3: %d, %d, %d KB%n",
        usedHeap[0] >> 10, usedHeap[1] >> 10, usedHeap[2] >> 10);
    assertTrue(growth < 16L << 20, "heap grew by " + (growth >> 20) + " MB from round 1 to round 3");

    // The server's threads (connection pool, workers, dispatcher) end with stop().
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Set<String> left;
    do {
      Thread.sleep(20);
      left = liveThreads();
      left.removeAll(threadsBefore);
      left.removeIf(name -> name.startsWith("HttpClient-") || name.startsWith("load-client"));
    } while (!left.isEmpty() && System.nanoTime() < deadline);
    assertTrue(left.isEmpty(), "threads left after stop(): " + left);
  }

  @Test
  void oversizedUploadsStillBeingSentGetTheir413() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    byte[] big = new byte[MAX_UPLOAD * 4]; // more than the 64 KB the JDK's server drains by itself
    ExecutorService pool = Executors.newFixedThreadPool(8, r -> new Thread(r, "load-client"));
    try (GenderWebServer server = GenderWebServer.builder(new SlowClassifier()).port(0).workerThreads(2)
        .queueCapacity(6).maxUploadBytes(MAX_UPLOAD).start()) {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        clients.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            HttpRequest.BodyPublisher body = i % 2 == 0 ? HttpRequest.BodyPublishers.ofByteArray(big)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/predict"))
                .timeout(Duration.ofSeconds(20)).POST(body).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode(), response.body());
            assertTrue(response.body().contains("larger than the limit of 64 KB"), response.body());
          }
          return null;
        }));
      }
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (Future<?> client : clients) {
          client.get();
        }
      });
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLargeUploadRefusedWhileBusyGetsIts503() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ClipClassifier blocking = clip -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new PitchThresholdClassifier().classify(clip);
    };
    HttpClient http = HttpClient.newHttpClient();
    byte[] large = Tones.wav(30, 220); // 960 KB, far more than the JDK server drains by itself
    try (GenderWebServer server = GenderWebServer.builder(blocking).port(0).workerThreads(1).queueCapacity(0)
        .start()) {
      URI predict = server.uri().resolve("/api/predict");
      java.util.concurrent.CompletableFuture<HttpResponse<String>> first = http.sendAsync(
          HttpRequest.newBuilder(predict).POST(HttpRequest.BodyPublishers.ofByteArray(GOOD)).build(),
          HttpResponse.BodyHandlers.ofString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.uploadsInFlight() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(1, server.uploadsInFlight());
      ExecutorService pool = Executors.newFixedThreadPool(8, r -> new Thread(r, "load-client"));
      try {
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
          clients.add(pool.submit(() -> {
            for (int i = 0; i < 5; i++) {
              HttpResponse<String> refused = http.send(HttpRequest.newBuilder(predict)
                  .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(large)).build(),
                  HttpResponse.BodyHandlers.ofString());
              assertEquals(503, refused.statusCode(), refused.body());
              assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            }
            return null;
          }));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
          for (Future<?> client : clients) {
            client.get();
          }
        });
      } finally {
        pool.shutdownNow();
      }
      release.countDown();
      assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
    }
  }

  /**
   * {@code clients} threads send {@code perClient} requests each, a fixed mix of kinds; every
   * answer is checked. Returns the count of each status.
   */
  private Map<Integer, Integer> round(HttpClient http, URI predict, int clients, int perClient, long seed)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, "load-client"));
    List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          Random random = new Random(seed * 1000 + c);
          futures.add(pool.submit(() -> {
            for (int i = 0; i < perClient; i++) {
              outcomes.add(send(http, predict, random));
            }
            return null;
          }));
        }
        for (Future<?> future : futures) {
          future.get(); // a request that fails or times out fails the round
        }
      });
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
    assertEquals(clients * perClient, outcomes.size());
    Map<Integer, Integer> statuses = new TreeMap<>();
    outcomes.forEach(o -> statuses.merge(o.status, 0, Integer::sum));
    for (Outcome o : outcomes) {
      statuses.merge(o.status, 1, Integer::sum);
      if (o.status == 503) {
        assertTrue(o.retryAfter && o.body.contains("busy"), o.toString());
        continue;
      }
      switch (o.kind) {
        case "good" -> {
          assertEquals(200, o.status, o.toString());
          assertTrue(o.body.startsWith("{\"label\":\"female\""), o.body);
        }
        case "garbage", "empty" -> assertEquals(400, o.status, o.toString());
        case "oversized", "oversized-chunked" -> {
          assertEquals(413, o.status, o.toString());
          assertTrue(o.body.contains("larger than the limit"), o.body);
        }
        default -> throw new AssertionError(o.kind);
      }
    }
    System.out.println("WebServerLoadTest: " + clients + " clients x " + perClient + " requests: " + statuses);
    return statuses;
  }

  private static Outcome send(HttpClient http, URI predict, Random random) throws Exception {
    int pick = random.nextInt(20);
    String kind;
    HttpRequest.BodyPublisher body;
    if (pick < 12) {
      kind = "good";
      body = HttpRequest.BodyPublishers.ofByteArray(GOOD);
    } else if (pick < 15) {
      kind = "garbage";
      byte[] garbage = new byte[1 + random.nextInt(4000)];
      random.nextBytes(garbage);
      garbage[0] = 'x';
      body = HttpRequest.BodyPublishers.ofByteArray(garbage);
    } else if (pick < 16) {
      kind = "empty";
      body = HttpRequest.BodyPublishers.noBody();
    } else if (pick < 18) {
      kind = "oversized";
      body = HttpRequest.BodyPublishers.ofByteArray(OVERSIZED);
    } else {
      kind = "oversized-chunked"; // no Content-Length: the limit is found while reading
      body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(OVERSIZED));
    }
    HttpRequest request = HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "audio/wav").POST(body).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.IOException("no answer to a " + kind + " upload: " + e, e);
    }
    return new Outcome(kind, response.statusCode(), response.body(),
        response.headers().firstValue("Retry-After").isPresent());
  }

  private static Set<String> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .map(t -> t.getName() + "#" + t.getId()).collect(Collectors.toCollection(() -> ConcurrentHashMap.newKeySet()));
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
