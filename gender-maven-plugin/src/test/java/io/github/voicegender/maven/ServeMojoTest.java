package io.github.voicegender.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.prediction.ClipClassifier;
import io.github.voicegender.prediction.ClipPrediction;
import io.github.voicegender.prediction.Segment;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The goal's own work: settings, the model hook, serving until stopped. The server is tested in gender-core. */
@Timeout(60)
class ServeMojoTest {

  private final List<String> infos = Collections.synchronizedList(new ArrayList<>());

  /** A mojo as Maven would configure it from the defaults, answering "female" to everything. */
  private ServeMojo mojo(boolean withModel) {
    ServeMojo mojo = withModel ? new ServeMojo() {
      @Override
      protected ClipClassifier openModel() {
        return clip -> new ClipPrediction("female", 0.8, clip.durationSeconds(),
            List.of(new Segment(0, clip.durationSeconds(), "female", 0.8)));
      }
    } : new ServeMojo();
    mojo.port = 0;
    mojo.host = "127.0.0.1";
    mojo.maxUploadMb = 25;
    mojo.threads = 1;
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        infos.add(content.toString());
      }
    });
    return mojo;
  }

  @Test
  void servesUntilStoppedAndFreesThePort() throws Exception {
    ServeMojo mojo = mojo(true);
    mojo.examplesDir = new File("../datasets/LibriSpeech");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread serving = new Thread(() -> {
      try {
        mojo.execute();
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    serving.start();
    assertTrue(mojo.started.await(30, TimeUnit.SECONDS), "server started; failure: " + failure.get());
    int port = mojo.server.port();
    HttpClient http = HttpClient.newHttpClient();
    String health = http.send(HttpRequest.newBuilder(mojo.server.uri().resolve("/api/health")).build(),
        BodyHandlers.ofString()).body();
    assertTrue(health.startsWith("{\"status\":\"ok\",\"model\":\"custom\",\"version\":\"unknown\""), health);
    String examples = http.send(HttpRequest.newBuilder(mojo.server.uri().resolve("/api/examples")).build(),
        BodyHandlers.ofString()).body();
    assertTrue(examples.contains("\"title\":\"Conversation\""), examples);
    assertTrue(infos.contains("voice-gender is serving at http://127.0.0.1:" + port + "/  (Ctrl+C to stop)"),
        infos.toString());
    assertTrue(infos.contains("5 example clips from ../datasets/LibriSpeech"), infos.toString());

    serving.interrupt();
    serving.join(10_000);

    assertFalse(serving.isAlive());
    assertEquals(null, failure.get());
    assertEquals("Server stopped.", infos.get(infos.size() - 1));
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertEquals(port, again.getLocalPort());
    }
  }

  @Test
  void aMissingModelFailsClearly() {
    ServeMojo mojo = mojo(false);
    mojo.model = "target/no-such-model";
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(e.getMessage().startsWith("gender.model=target/no-such-model: no such file or directory"),
        e.getMessage());
  }

  @Test
  void badPortIsTheUsersMistake() {
    ServeMojo mojo = mojo(true);
    mojo.port = 70000;
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertEquals("gender.port must be 0 (any free port) to 65535, was 70000", e.getMessage());
  }

  @Test
  void busyPortSaysHowToPickAnother() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      ServeMojo mojo = mojo(true);
      mojo.port = taken.getLocalPort();
      MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
      assertTrue(e.getMessage().startsWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
      assertTrue(e.getMessage().endsWith("(-Dgender.port=0 picks any free port)"), e.getMessage());
    }
  }
}
