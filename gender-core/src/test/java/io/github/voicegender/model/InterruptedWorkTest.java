package io.github.voicegender.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.SampleModel;
import io.github.voicegender.dataset.Dataset;
import io.github.voicegender.dataset.DatasetReader;
import io.github.voicegender.dataset.Speaker;
import io.github.voicegender.dataset.SpeakersFile;
import io.github.voicegender.extraction.AudioFeatureExtractor;
import io.github.voicegender.extraction.ExtractionSummary;
import io.github.voicegender.extraction.FeatureExtraction;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.extraction.FeatureStore;
import io.github.voicegender.features.FeatureConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupted work: a separate JVM running extraction or training ({@link KillableWork}) is killed
 * for real ({@code destroyForcibly}) midway; then the work runs again here. No output that looks
 * complete may be half-written, and the second run must resume or redo cleanly.
 */
class InterruptedWorkTest {

  private static final String SUBSET = "train-clean-100";
  private static final int COPIES = 6;

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killedExtractionResumesFromItsPartialTableAndEndsAsACleanRunWould() throws Exception {
    Path root = copiedSample(COPIES);
    Path storeDir = dir.resolve("features");
    FeatureStore store = new FeatureStore(storeDir);
    Path partial = storeDir.resolve(SUBSET + ".partial.tsv");
    Dataset dataset = DatasetReader.read(List.of(root), List.of(SUBSET));
    int total = dataset.utterances().size();
    assertEquals(48 * COPIES, total);

    Child child = Child.start(dir, "extract", root.toString(), SUBSET, storeDir.toString());
    // Kill once a good part, but far from all, of the rows are in the partial table.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (rowsIn(partial) < 30) {
      assertTrue(child.process.isAlive(), "the extraction ended before it was killed: " + child.stderr());
      assertTrue(System.nanoTime() < deadline, "no progress: " + child.stderr());
      Thread.sleep(10);
    }
    child.kill();
    assertFalse(child.lines.contains("DONE"));

    // Nothing looks complete: only the partial table is there.
    assertFalse(store.hasTable(SUBSET), "a complete-looking table after the kill");
    int partialRows = rowsIn(partial);
    assertTrue(partialRows >= 30 && partialRows < total, partialRows + " rows");

    FeatureConfig features = FeatureConfig.defaults();
    ExtractionSummary resumed = extraction(features).run(dataset, store);
    // The rows of the killed run are reused (at most the last one, cut by the kill, is redone).
    assertTrue(resumed.reused() >= partialRows - 1 && resumed.reused() <= partialRows,
        resumed.reused() + " reused of " + partialRows);
    assertEquals(total - resumed.reused(), resumed.extracted());
    assertTrue(resumed.extracted() < total);
    assertTrue(resumed.failures().isEmpty(), resumed.failures().toString());
    assertFalse(Files.exists(partial), "partial table left behind");

    FeatureStore clean = new FeatureStore(dir.resolve("clean"));
    ExtractionSummary cleanRun = extraction(features).run(dataset, clean);
    assertEquals(total, cleanRun.extracted());
    assertSameRows(clean.read(SUBSET), store.read(SUBSET));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killedTrainingLeavesNoModelAndASecondRunWritesAValidOne() throws Exception {
    Path modelDir = dir.resolve("model");
    Child child = Child.start(dir, "train", modelDir.toString(), "100000", "1");
    child.awaitLine(l -> l.startsWith("EPOCH 3 "), Duration.ofSeconds(90));
    child.kill();
    assertFalse(child.lines.contains("TRAINED"));
    assertFalse(Files.exists(modelDir), "a model directory after a kill during training");

    KillableWork.train(3, PipelineLog.SILENT).write(modelDir);
    assertValidBundle(modelDir);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killedBundleWritesLeaveEitherNoModelOrACompleteOne() throws Exception {
    Path modelDir = dir.resolve("model");
    // The child rewrites the bundle over itself in a loop: the kill lands in a write, or between.
    Child child = Child.start(dir, "train", modelDir.toString(), "2", "100000");
    child.awaitLine(l -> l.equals("WROTE 20"), Duration.ofSeconds(90));
    Thread.sleep(7);
    child.kill();
    int writes = (int) child.lines.stream().filter(l -> l.startsWith("WROTE")).count();
    assertTrue(writes > 20 && !child.lines.contains("DONE"), writes + " writes");
    if (Files.exists(modelDir)) {
      assertValidBundle(modelDir);
    }
    // The leftovers of an interrupted write are hidden siblings that no reader takes for the model.
    try (Stream<Path> siblings = Files.list(dir)) {
      siblings.filter(p -> p.getFileName().toString().startsWith(".model."))
          .forEach(p -> assertTrue(p.getFileName().toString().matches("\\.model\\.(tmp|old)\\d+"), p.toString()));
    }

    KillableWork.train(2, PipelineLog.SILENT).write(modelDir);
    assertValidBundle(modelDir);
    // The next write clears them away.
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(List.of(), siblings.map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith(".model.")).toList());
    }
  }

  private static void assertValidBundle(Path modelDir) throws IOException {
    ModelBundle bundle = ModelBundle.read(modelDir);
    assertEquals(FeatureConfig.defaults(), bundle.featureConfig());
    assertEquals(ModelBundle.FORMAT_VERSION, bundle.metadata().formatVersion());
    try (GenderClassifier classifier = GenderClassifier.of(bundle)) {
      assertTrue(classifier != null);
    }
  }

  private static FeatureExtraction extraction(FeatureConfig features) {
    return new FeatureExtraction(features, () -> new AudioFeatureExtractor(features), 2, false,
        PipelineLog.SILENT, Duration.ofHours(1));
  }

  private static void assertSameRows(List<FeatureRow> expected, List<FeatureRow> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      FeatureRow e = expected.get(i);
      FeatureRow a = actual.get(i);
      assertEquals(e.audio(), a.audio());
      assertEquals(e.speakerId(), a.speakerId());
      assertEquals(e.gender(), a.gender());
      assertEquals(e.fileSize(), a.fileSize());
      assertEquals(e.durationSeconds(), a.durationSeconds());
      assertArrayEquals(e.vector(), a.vector(), e.audio().toString());
    }
  }

  /** Data rows (header excluded) in a table; 0 when there is none yet. */
  private static int rowsIn(Path table) throws IOException {
    if (!Files.isRegularFile(table)) {
      return 0;
    }
    byte[] bytes = Files.readAllBytes(table);
    int lines = 0;
    for (byte b : bytes) {
      lines += b == '\n' ? 1 : 0;
    }
    return Math.max(0, lines - 1);
  }

  /** The sample's training subset {@code copies} times over, each copy under new speaker ids. */
  private Path copiedSample(int copies) throws IOException {
    Path root = dir.resolve("LibriSpeech");
    Map<String, Speaker> speakers = SpeakersFile.read(SampleModel.SAMPLE.resolve(SpeakersFile.FILE_NAME));
    StringBuilder speakersFile = new StringBuilder(";ID |SEX| SUBSET |MINUTES| NAME\n");
    Path source = SampleModel.SAMPLE.resolve(SUBSET);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(f -> f.toString().endsWith(".flac")).sorted().toList();
    }
    for (int c = 0; c < copies; c++) {
      for (Path file : files) {
        String speaker = source.relativize(file).getName(0).toString();
        String copy = speaker + "0" + c;
        Path relative = source.relativize(file);
        Path target = root.resolve(SUBSET).resolve(copy).resolve(relative.getName(1))
            .resolve(file.getFileName().toString().replaceFirst("^" + speaker, copy));
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
      for (Speaker s : speakers.values()) {
        if (s.subset().equals(SUBSET)) {
          speakersFile.append(s.id()).append('0').append(c).append(" | ")
              .append(s.gender().label().substring(0, 1).toUpperCase()).append(" | ").append(SUBSET)
              .append(" | 1.0 | copy ").append(c).append('\n');
        }
      }
    }
    Files.writeString(root.resolve(SpeakersFile.FILE_NAME), speakersFile);
    return root;
  }

  /** A JVM running {@link KillableWork}, its stdout lines collected as they come. */
  private static final class Child {
    final Process process;
    final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    final Path errors;

    private Child(Process process, Path errors) {
      this.process = process;
      this.errors = errors;
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = out.readLine()) != null) {
            lines.add(line);
            queue.add(line);
          }
        } catch (IOException e) {
          // the process was killed
        }
      }, "killable-work-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path dir, String... args) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"), KillableWork.class.getName()));
      command.addAll(List.of(args));
      Path errors = Files.createTempFile(dir, "child", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
      builder.environment().put("DJL_OFFLINE", "true");
      return new Child(builder.start(), errors);
    }

    void awaitLine(java.util.function.Predicate<String> wanted, Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        String line = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line != null && wanted.test(line)) {
          return;
        }
        if (line == null) {
          process.destroyForcibly();
          throw new AssertionError("no such line within " + timeout + "; got " + lines + "; " + stderr());
        }
      }
    }

    void kill() throws InterruptedException {
      assertTrue(process.isAlive(), "ended before the kill: " + lines + " " + stderr());
      process.destroyForcibly();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
      assertTrue(process.exitValue() != 0);
    }

    String stderr() {
      try {
        return Files.readString(errors);
      } catch (IOException e) {
        return e.toString();
      }
    }
  }
}
