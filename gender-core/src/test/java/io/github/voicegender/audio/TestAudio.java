package io.github.voicegender.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Fixtures on the class path and the shared real-speech corpus. */
final class TestAudio {

  /** Where the shared speechocean762 corpus lives; override with -Dspeechocean762.dir. */
  static final Path SPEECHOCEAN =
      Path.of(System.getProperty("speechocean762.dir", "/work/shared/datasets/speechocean762"));

  private TestAudio() {}

  static byte[] resource(String name) {
    try (InputStream in = TestAudio.class.getResourceAsStream("/audio/" + name)) {
      assertTrue(in != null, "missing test resource audio/" + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The corpus's training FLAC files, sorted. Skips the test when the corpus is absent, except on
   * CI (env CI=true), where a missing corpus is a failure rather than a silent pass.
   */
  static List<Path> speechoceanTrainFiles() throws IOException {
    Path train = SPEECHOCEAN.resolve("train");
    if (!Files.isDirectory(train)) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("speechocean762 corpus not found at " + train + " (required when CI=true)");
      }
      Assumptions.abort("speechocean762 corpus not found at " + train);
    }
    try (Stream<Path> files = Files.walk(train)) {
      return files.filter(p -> p.toString().endsWith(".flac")).sorted().toList();
    }
  }
}
