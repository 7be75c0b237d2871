package io.github.voicegender.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.SampleModel;
import io.github.voicegender.model.GenderClassifier;
import io.github.voicegender.prediction.SegmentedClassifier;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The web round trip for a 10-second WAV clip on loopback (upload, decode, features, model, JSON
 * answer), median and 99th percentile over 500 requests after 100 warm-up requests, one client. A
 * benchmark, not a timed test. Run with
 *
 * <pre>
 *   ./mvnw -q -B -pl gender-core test -Dtest=WebRoundTripBenchmarkTest -Dbenchmark=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class WebRoundTripBenchmarkTest {

  @Test
  void tenSecondUpload() throws Exception {
    byte[] wav = WavEncoder.encode16BitMono(SampleModel.tenSecondFemaleClip());
    try (GenderClassifier model = GenderClassifier.of(SampleModel.bundle());
        GenderWebServer server = GenderWebServer.builder(new SegmentedClassifier(model)).port(0).start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/api/predict"))
          .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
      for (int i = 0; i < 100; i++) {
        http.send(request, HttpResponse.BodyHandlers.ofString());
      }
      long[] nanos = new long[500];
      for (int i = 0; i < nanos.length; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        nanos[i] = System.nanoTime() - start;
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"label\":\"female\""), response.body());
      }
      Arrays.sort(nanos);
      System.out.printf(Locale.ROOT, "Web round trip of a 10 s WAV (%d bytes): median %.2f ms, p99 %.2f ms%n",
          wav.length, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6);
    }
  }
}
