package io.github.voicegender.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.audio.AudioDecoder;
import io.github.voicegender.prediction.ClipClassifier;
import io.github.voicegender.prediction.ClipPrediction;
import io.github.voicegender.prediction.Segment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GenderWebServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private GenderWebServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private GenderWebServer start(GenderWebServer.Builder builder) throws IOException {
    server = builder.port(0).start();
    return server;
  }

  private GenderWebServer startDefault() throws IOException {
    return start(GenderWebServer.builder(new PitchThresholdClassifier())
        .info(Map.of("model", "pitch-threshold (test)", "version", "9.9.9")));
  }

  private HttpResponse<String> post(String contentType, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("/api/predict"))
        .POST(BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
    return JSON.readTree(response.body());
  }

  static byte[] multipart(String boundary, String field, String fileName, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: audio/wav\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(data);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void rawBodyWavIsClassified() throws Exception {
    startDefault();
    HttpResponse<String> response = post("audio/wav", Tones.wav(1.5, 220));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode answer = json(response);
    assertEquals("female", answer.get("label").asText());
    assertEquals(0.9, answer.get("probability").asDouble(), 1e-9);
    assertEquals(1.5, answer.get("durationSeconds").asDouble(), 1e-9);
    assertEquals(16000, answer.get("sampleRate").asInt());
    assertEquals(1, answer.get("segments").size());
    JsonNode segment = answer.get("segments").get(0);
    assertEquals(0.0, segment.get("start").asDouble(), 1e-9);
    assertEquals(1.5, segment.get("end").asDouble(), 1e-9);
    assertEquals("female", segment.get("label").asText());
    assertEquals(0.9, segment.get("probability").asDouble(), 1e-9);
    assertFalse(answer.has("fileName"), "a raw body has no file name");
  }

  @Test
  void rawBodyWithoutContentTypeIsAccepted() throws Exception {
    startDefault();
    HttpResponse<String> response = post("application/octet-stream", Tones.wav(1, 110));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("male", json(response).get("label").asText());
  }

  @Test
  void multipartFileFieldIsClassified() throws Exception {
    startDefault();
    String boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    HttpResponse<String> response = post("multipart/form-data; boundary=" + boundary,
        multipart(boundary, "file", "low voice.wav", Tones.wav(1, 110)));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode answer = json(response);
    assertEquals("male", answer.get("label").asText());
    assertEquals(1.0, answer.get("durationSeconds").asDouble(), 1e-9);
    assertEquals("low voice.wav", answer.get("fileName").asText());
  }

  @Test
  void multipartFileNameIsReducedToAHarmlessName() throws Exception {
    startDefault();
    String boundary = "xyz";
    HttpResponse<String> response = post("multipart/form-data; boundary=\"" + boundary + "\"",
        multipart(boundary, "audio", "../../etc/passwd.wav", Tones.wav(1, 220)));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("passwd.wav", json(response).get("fileName").asText(), "the part with a file is used");
  }

  @Test
  void longClipHasOneSegmentPerWindow() throws Exception {
    startDefault();
    // 2 s high, 2 s low, 2 s high, 1 s silence: windows of 2 s.
    HttpResponse<String> response = post("audio/wav", Tones.wav(2, 220, 110, 230, 0));

    JsonNode answer = json(response);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(8.0, answer.get("durationSeconds").asDouble(), 1e-9);
    assertEquals("female", answer.get("label").asText());
    JsonNode segments = answer.get("segments");
    assertEquals(4, segments.size());
    List<String> labels = new ArrayList<>();
    segments.forEach(s -> labels.add(s.get("label").asText()));
    assertEquals(List.of("female", "male", "female", "unknown"), labels);
    assertEquals(6.0, segments.get(3).get("start").asDouble(), 1e-9);
    assertEquals(8.0, segments.get(3).get("end").asDouble(), 1e-9);
    assertTrue(segments.get(3).get("probability").isNull(), "NaN is null in JSON");
  }

  @Test
  void unknownAnswerHasNullProbability() throws Exception {
    startDefault();
    HttpResponse<String> response = post("audio/wav", Tones.wav(1, 0));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode answer = json(response);
    assertEquals("unknown", answer.get("label").asText());
    assertTrue(answer.has("probability"));
    assertTrue(answer.get("probability").isNull());
  }

  @Test
  void garbageIsA400NamingTheReason() throws Exception {
    startDefault();
    HttpResponse<String> response = post("audio/wav",
        "this is not audio at all, just text".getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.statusCode());
    JsonNode error = json(response);
    assertEquals("upload: not a WAV or FLAC file", error.get("error").asText());
    assertEquals(400, error.get("status").asInt());
  }

  @Test
  void otherFormatsAreNamedInTheError() throws Exception {
    startDefault();
    byte[] webm = {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    String boundary = "b";
    HttpResponse<String> response = post("multipart/form-data; boundary=" + boundary,
        multipart(boundary, "file", "recording.webm", webm));

    assertEquals(400, response.statusCode());
    assertEquals("upload 'recording.webm': not a WAV or FLAC file (looks like WebM/Matroska; convert it "
        + "to WAV or FLAC)", json(response).get("error").asText());
  }

  @Test
  void truncatedWavIsA400() throws Exception {
    startDefault();
    byte[] wav = Tones.wav(1, 220);
    byte[] truncated = java.util.Arrays.copyOf(wav, 30);
    HttpResponse<String> response = post("audio/wav", truncated);

    assertEquals(400, response.statusCode());
    String error = json(response).get("error").asText();
    assertTrue(error.startsWith("upload: "), error);
    assertFalse(error.contains("Exception"), "a reason, not a stack trace: " + error);
  }

  @Test
  void emptyBodyIsA400() throws Exception {
    startDefault();
    HttpResponse<String> response = post("audio/wav", new byte[0]);

    assertEquals(400, response.statusCode());
    assertEquals("The upload is empty: send WAV or FLAC audio as the request body, or as the "
        + "multipart/form-data field 'file'.", json(response).get("error").asText());
  }

  @Test
  void malformedMultipartIsA400() throws Exception {
    startDefault();
    HttpResponse<String> response = post("multipart/form-data; boundary=abc",
        "--abc\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nRIFF".getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.statusCode());
    assertEquals("Malformed multipart/form-data upload: a part does not end (truncated upload?).",
        json(response).get("error").asText());
  }

  @Test
  void declaredOversizedUploadIsA413BeforeItsBodyIsRead() throws Exception {
    start(GenderWebServer.builder(new PitchThresholdClassifier()).maxUploadBytes(64 * 1024));
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/wav\r\n"
          + "Content-Length: " + 10_000_000 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1024]); // the server answers after a few bytes, not 10 MB
      out.flush();
      String response = readResponse(socket.getInputStream());

      assertTrue(response.startsWith("HTTP/1.1 413"), response);
      assertTrue(response.contains("\"error\":\"The upload is larger than the limit of 64 KB. Send a "
          + "shorter clip, or compress it as FLAC.\""), response);
    }
  }

  @Test
  void chunkedOversizedUploadIsA413() throws Exception {
    start(GenderWebServer.builder(new PitchThresholdClassifier()).maxUploadBytes(64 * 1024));
    // No Content-Length: the server counts what arrives and stops after the limit.
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      Thread sender = new Thread(() -> {
        try {
          out.write("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          for (int chunk = 0; chunk < 64; chunk++) { // 4 MB offered
            out.write("10000\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[0x10000]);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          // Expected: the server answers and closes before taking it all.
        }
      });
      sender.start();
      String response = readResponse(socket.getInputStream());
      sender.join(10_000);

      assertTrue(response.startsWith("HTTP/1.1 413"), response);
      assertTrue(response.contains("larger than the limit of 64 KB"), response);
    }
  }

  @Test
  void fullPoolAnswers503WithRetryAfter() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    ClipClassifier blocking = clip -> {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ClipPrediction("male", 0.75, clip.durationSeconds(),
          List.of(new Segment(0, clip.durationSeconds(), "male", 0.75)));
    };
    start(GenderWebServer.builder(blocking).workerThreads(1).queueCapacity(1));
    byte[] wav = Tones.wav(0.5, 110);
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/api/predict"))
        .POST(BodyPublishers.ofByteArray(wav)).build();

    CompletableFuture<HttpResponse<String>> first = http.sendAsync(request, BodyHandlers.ofString());
    assertTrue(entered.await(10, TimeUnit.SECONDS), "the first upload reaches the classifier");
    CompletableFuture<HttpResponse<String>> second = http.sendAsync(request, BodyHandlers.ofString());
    // The second holds the one queue place once the server has admitted it.
    for (int wait = 0; wait < 200 && server.uploadsInFlight() < 2; wait++) {
      Thread.sleep(25);
    }
    assertEquals(2, server.uploadsInFlight());
    HttpResponse<String> third = http.send(request, BodyHandlers.ofString());
    assertEquals(503, third.statusCode(), third.body());
    assertEquals("2", third.headers().firstValue("Retry-After").orElse(""));
    assertEquals("The server is busy classifying other clips (1 at a time, 1 waiting); try again in a "
        + "few seconds.", json(third).get("error").asText());
    assertFalse(first.isDone(), "the first is still being classified");

    release.countDown();
    assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    assertEquals(200, second.get(10, TimeUnit.SECONDS).statusCode());
    HttpResponse<String> after = http.send(request, BodyHandlers.ofString());
    assertEquals(200, after.statusCode(), "the pool takes work again once free");
    assertEquals(0.75, json(after).get("probability").asDouble(), 1e-9);
  }

  @Test
  void classifierFailureIsA500WithJson() throws Exception {
    start(GenderWebServer.builder(clip -> {
      throw new IllegalStateException("model not loaded");
    }));
    // The server logs the failure with its stack trace; expected here, so kept out of the test output.
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(GenderWebServer.class.getName());
    java.util.logging.Level level = log.getLevel();
    log.setLevel(java.util.logging.Level.OFF);
    HttpResponse<String> response;
    try {
      response = post("audio/wav", Tones.wav(0.5, 220));
    } finally {
      log.setLevel(level);
    }

    assertEquals(500, response.statusCode());
    assertEquals("Classification failed: java.lang.IllegalStateException: model not loaded",
        json(response).get("error").asText());
  }

  /** Guards TCP_NODELAY: without it every answer waits about 40 ms for the client's delayed ACK. */
  @Test
  void answersDoNotStallOnDelayedAcks() throws Exception {
    startDefault();
    byte[] wav = Tones.wav(10, 200);
    double[] millis = new double[21];
    for (int i = -10; i < millis.length; i++) {
      long started = System.nanoTime();
      assertEquals(200, post("audio/wav", wav).statusCode());
      if (i >= 0) {
        millis[i] = (System.nanoTime() - started) / 1e6;
      }
    }
    java.util.Arrays.sort(millis);
    assertTrue(millis[millis.length / 2] < 30, "median round trip " + millis[millis.length / 2] + " ms");
  }

  @Test
  void healthReportsTheCallersInfo() throws Exception {
    startDefault();
    HttpResponse<String> response = get("/api/health");

    assertEquals(200, response.statusCode());
    JsonNode health = json(response);
    assertEquals("ok", health.get("status").asText());
    assertEquals("pitch-threshold (test)", health.get("model").asText());
    assertEquals("9.9.9", health.get("version").asText());
    assertEquals(GenderWebServer.DEFAULT_MAX_UPLOAD_BYTES, health.get("maxUploadBytes").asLong());
  }

  @Test
  void openApiDescribesTheApi() throws Exception {
    startDefault();
    HttpResponse<String> response = get("/api/openapi.json");

    assertEquals(200, response.statusCode());
    JsonNode api = json(response);
    assertTrue(api.get("openapi").asText().startsWith("3."), api.toString());
    assertTrue(api.at("/paths/~1api~1predict/post").isObject());
    assertTrue(api.at("/paths/~1api~1health/get").isObject());
    JsonNode prediction = api.at("/components/schemas/Prediction/required");
    List<String> required = new ArrayList<>();
    prediction.forEach(n -> required.add(n.asText()));
    assertTrue(required.containsAll(List.of("label", "probability", "durationSeconds", "segments")),
        required.toString());
    for (String status : List.of("200", "400", "413", "503")) {
      assertTrue(api.at("/paths/~1api~1predict/post/responses/" + status).isObject(), status);
    }
  }

  @Test
  void pageAndItsAssetsAreServed() throws Exception {
    startDefault();
    HttpResponse<String> page = get("/");

    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
    assertTrue(page.body().contains("<title>Voice gender</title>"), page.body());
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
    for (String asset : List.of("/app.css", "/app.js", "/recorder-worklet.js", "/favicon.svg")) {
      HttpResponse<String> response = get(asset);
      assertEquals(200, response.statusCode(), asset);
      assertTrue(page.body().contains("\"" + asset.substring(1) + "\"")
          || asset.equals("/recorder-worklet.js"), "the page links " + asset);
    }
    assertFalse(page.body().contains("http://") || page.body().contains("https://"),
        "nothing from other hosts: the machine may be offline");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    startDefault();
    HttpResponse<String> missing = get("/../../etc/passwd");
    assertEquals(404, missing.statusCode());
    assertTrue(json(missing).get("error").asText().startsWith("Nothing at /"));

    HttpResponse<String> wrongMethod = get("/api/predict");
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(""));
    assertEquals("Method GET is not allowed here; use POST.", json(wrongMethod).get("error").asText());
  }

  @Test
  void bindsToLoopbackByDefaultAndReportsTheActualPort() throws Exception {
    startDefault();

    assertTrue(server.address().getAddress().isLoopbackAddress(), server.address().toString());
    assertEquals("127.0.0.1", server.address().getAddress().getHostAddress());
    assertNotEquals(0, server.port());
    assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), server.uri());
    assertEquals(8080, GenderWebServer.DEFAULT_PORT);
  }

  @Test
  void stopFreesThePort() throws Exception {
    startDefault();
    int port = server.port();
    server.stop();
    server = null;

    try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertEquals(port, again.getLocalPort());
    }
  }

  @Test
  void busyPortFailsWithAClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      IOException e = assertThrows(IOException.class, () -> GenderWebServer.builder(new PitchThresholdClassifier())
          .port(taken.getLocalPort()).start());
      assertEquals("Cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (Address already in use): another "
          + "program may be using that port; choose another.", e.getMessage());
    }
  }

  @Test
  void exampleClipsAreListedAndServedAsWav() throws Exception {
    byte[] wav = Tones.wav(1, 220);
    start(GenderWebServer.builder(new PitchThresholdClassifier())
        .examples(List.of(new ExampleClip("high", "High tone", "220 Hz", wav, 1.0))));

    JsonNode list = json(get("/api/examples")).get("examples");
    assertEquals(1, list.size());
    assertEquals("High tone", list.get(0).get("title").asText());
    assertEquals("/examples/high.wav", list.get(0).get("url").asText());

    HttpResponse<byte[]> clip = http.send(HttpRequest.newBuilder(server.uri().resolve("/examples/high.wav"))
        .build(), BodyHandlers.ofByteArray());
    assertEquals(200, clip.statusCode());
    assertEquals("audio/wav", clip.headers().firstValue("Content-Type").orElse(""));
    AudioClip decoded = new AudioDecoder().decode(clip.body(), "example");
    assertEquals(16000, decoded.samples().length);
    assertEquals(404, get("/examples/nope.wav").statusCode());
  }

  /** The status line, headers and whatever body arrives before the server closes or 2 s pass. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        out.write(buffer, 0, n);
        String text = out.toString(StandardCharsets.UTF_8);
        if (text.contains("\r\n\r\n") && text.trim().endsWith("}")) {
          break;
        }
      }
    } catch (java.net.SocketException e) {
      // A reset after the answer arrived is fine: the server refuses the rest of the body.
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
