package io.github.voicegender.extraction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.RecordingLog;
import io.github.voicegender.dataset.Dataset;
import io.github.voicegender.dataset.Gender;
import io.github.voicegender.dataset.Utterance;
import io.github.voicegender.features.FeatureConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extraction run's bookkeeping (incremental reuse, bad files, atomic tables, resume) with a
 * stand-in extractor whose vector is derived from the file's bytes; the real DSP is tested apart.
 */
class FeatureExtractionTest {

  @TempDir Path dir;
  private Path storeDir;
  private final FeatureConfig config = FeatureConfig.defaults();
  private final Set<Path> decoded = ConcurrentHashMap.newKeySet();
  private final RecordingLog log = new RecordingLog();
  private final List<String> infos = log.infos;
  private final List<String> warnings = log.warnings;

  /** Vector: every component is the file's first byte; "bad" files fail like a corrupt file would. */
  private final VectorExtractor fake = audio -> {
    decoded.add(audio);
    byte[] bytes = Files.readAllBytes(audio);
    if (new String(bytes, StandardCharsets.UTF_8).startsWith("bad")) {
      throw new IOException(audio + ": not a WAV or FLAC file");
    }
    float[] vector = new float[config.vectorLength()];
    java.util.Arrays.fill(vector, bytes[0]);
    return new VectorExtractor.Extracted(vector, bytes.length);
  };

  private final List<Utterance> utterances = new ArrayList<>();

  @BeforeEach
  void files() throws IOException {
    storeDir = dir.resolve("features");
    for (int i = 0; i < 20; i++) {
      String subset = i < 15 ? "train" : "test";
      Path file = dir.resolve(subset + "/" + i + ".flac");
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[] {(byte) i, 0, 0});
      utterances.add(new Utterance(file, "s" + (i % 4), i % 2 == 0 ? Gender.FEMALE : Gender.MALE, subset));
    }
  }

  private ExtractionSummary run(boolean failOnError, FeatureConfig config) throws IOException {
    return new FeatureExtraction(config, () -> fake, 2, failOnError, log, Duration.ofMillis(1))
        .run(new Dataset(utterances, List.of()), new FeatureStore(storeDir));
  }

  @Test
  void extractsEveryFileIntoCompleteTablesAndReadsThemBack() throws IOException {
    ExtractionSummary summary = run(false, config);

    assertEquals(20, summary.files());
    assertEquals(20, summary.extracted());
    assertEquals(0, summary.reused());
    assertEquals(60.0, summary.audioSeconds(), 1e-9);
    FeatureStore store = new FeatureStore(storeDir);
    List<FeatureRow> train = store.read("train");
    assertEquals(15, train.size());
    assertEquals(5, store.read("test").size());
    FeatureRow row = train.stream().filter(r -> r.audio().endsWith("7.flac")).findFirst().orElseThrow();
    assertEquals("s3", row.speakerId());
    assertEquals(Gender.MALE, row.gender());
    assertEquals(config.vectorLength(), row.vector().length);
    assertEquals(7f, row.vector()[0]);
    assertEquals(config, store.readConfig().orElseThrow());
    assertFalse(Files.exists(storeDir.resolve("train.partial.tsv")), "partial table left behind");
    assertTrue(infos.stream().anyMatch(m -> m.matches("20/20 files \\(100%\\), .* real time, ETA 0:00")),
        infos.toString());
  }

  @Test
  void secondRunDecodesNothingAndAChangedFileIsRedone() throws IOException {
    run(false, config);
    decoded.clear();

    ExtractionSummary again = run(false, config);
    assertEquals(0, again.extracted());
    assertEquals(20, again.reused());
    assertTrue(decoded.isEmpty(), "unchanged files were decoded again: " + decoded);

    Path changed = utterances.get(3).audio();
    Files.write(changed, new byte[] {42, 0, 0, 0});
    Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    ExtractionSummary third = run(false, config);
    assertEquals(1, third.extracted());
    assertEquals(Set.of(changed), decoded);
    FeatureRow row = new FeatureStore(storeDir).read("train").stream()
        .filter(r -> r.audio().equals(changed)).findFirst().orElseThrow();
    assertEquals(42f, row.vector()[0]);
    assertEquals(4.0, row.durationSeconds());
  }

  @Test
  void changedConfigurationRedoesEverything() throws IOException {
    run(false, config);
    decoded.clear();
    FeatureConfig other = config.with(Map.of("trimTopDb", "30"));
    ExtractionSummary summary = run(false, other);
    assertEquals(20, summary.extracted());
    assertEquals(other, new FeatureStore(storeDir).readConfig().orElseThrow());
    assertTrue(infos.contains("The feature configuration changed: every file is extracted again."));
  }

  @Test
  void badFileIsReportedAndTheRunGoesOn() throws IOException {
    Path bad = utterances.get(5).audio();
    Files.writeString(bad, "bad bytes");

    ExtractionSummary summary = run(false, config);

    assertEquals(19, summary.extracted());
    assertEquals(1, summary.failures().size());
    assertEquals(new ExtractionFailure(bad, "train", "not a WAV or FLAC file"), summary.failures().get(0));
    assertEquals(14, new FeatureStore(storeDir).read("train").size());
    List<String> failures = Files.readAllLines(storeDir.resolve(FeatureStore.FAILURES_FILE));
    assertEquals(List.of("path\tsubset\treason", bad + "\ttrain\tnot a WAV or FLAC file"), failures);
    assertTrue(warnings.contains("Skipped " + bad + ": not a WAV or FLAC file"), warnings.toString());
    assertTrue(summary.format().contains("1 skipped"), summary.format());
  }

  @Test
  void failOnErrorStopsAndKeepsWhatWasDone() throws IOException {
    Files.writeString(utterances.get(0).audio(), "bad bytes");
    ExtractionFailedException e = assertThrows(ExtractionFailedException.class, () -> run(true, config));
    assertEquals(utterances.get(0).audio(), e.failure().audio());
    assertFalse(Files.exists(storeDir.resolve("train.tsv")), "a failed run must not leave a complete-looking table");
  }

  @Test
  void interruptedRunResumesFromThePartialTable() throws IOException {
    run(false, config);
    FeatureStore store = new FeatureStore(storeDir);
    // Make the store look like a run that was killed after three rows of "test", one cut mid-line.
    List<String> lines = Files.readAllLines(store.tablePath("test"));
    Files.delete(store.tablePath("test"));
    Files.write(store.directory().resolve("test.partial.tsv"),
        List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(3).substring(0, 20)));
    decoded.clear();

    ExtractionSummary summary = run(false, config);

    assertEquals(3, summary.extracted(), "two rows reused from the partial table, the cut one redone");
    assertEquals(5, store.read("test").size());
    assertTrue(store.hasTable("test"));
    assertFalse(Files.exists(store.directory().resolve("test.partial.tsv")));
  }

  @Test
  void pathsWithTabsSurviveTheTable() throws IOException {
    Path odd = dir.resolve("odd\tname%.flac");
    Files.write(odd, new byte[] {9});
    utterances.clear();
    utterances.add(new Utterance(odd, "x", Gender.FEMALE, "odd"));
    run(false, config);
    FeatureRow row = new FeatureStore(storeDir).read("odd").get(0);
    assertEquals(odd, row.audio());
    float[] expected = new float[config.vectorLength()];
    java.util.Arrays.fill(expected, 9f);
    assertArrayEquals(expected, row.vector());
  }
}
