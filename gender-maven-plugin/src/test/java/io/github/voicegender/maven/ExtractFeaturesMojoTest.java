package io.github.voicegender.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.dataset.Gender;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.extraction.FeatureStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal as Maven configures it, on the synthetic sample dataset the project ships. */
@MojoTest
class ExtractFeaturesMojoTest {

  private static final String POM = "src/test/resources/unit/extract-features/pom.xml";
  /** The bundled sample, relative to this module. */
  private static final Path SAMPLE = Path.of("../datasets/LibriSpeech").toAbsolutePath().normalize();

  @TempDir Path output;
  private final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  private void prepare(ExtractFeaturesMojo mojo) {
    mojo.featuresDir = output.resolve("features").toFile();
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        infos.add(content.toString());
      }

      @Override
      public void warn(CharSequence content) {
        warnings.add(content.toString());
      }
    });
  }

  @BeforeEach
  void sampleIsThere() {
    assertTrue(Files.isRegularFile(SAMPLE.resolve("SPEAKERS.TXT")), "bundled sample missing: " + SAMPLE);
  }

  @Test
  @InjectMojo(goal = "extract-features", pom = POM)
  void extractsTheBundledSampleAndReportsStatistics(ExtractFeaturesMojo mojo) throws Exception {
    prepare(mojo);
    mojo.datasetDir = SAMPLE.toString();

    mojo.execute();

    FeatureStore store = new FeatureStore(output.resolve("features"));
    List<FeatureRow> train = store.read("train-clean-100");
    List<FeatureRow> dev = store.read("dev-clean");
    long flacFiles;
    try (var files = Files.walk(SAMPLE)) {
      flacFiles = files.filter(f -> f.toString().endsWith(".flac")).count();
    }
    assertEquals(flacFiles, train.size() + dev.size(), "every sample file extracted");
    assertEquals(Set.of(Gender.MALE, Gender.FEMALE),
        train.stream().map(FeatureRow::gender).collect(Collectors.toSet()));
    Set<String> trainSpeakers = train.stream().map(FeatureRow::speakerId).collect(Collectors.toSet());
    assertTrue(dev.stream().noneMatch(r -> trainSpeakers.contains(r.speakerId())), "subsets share speakers");
    assertTrue(infos.stream().anyMatch(l -> l.startsWith("train-clean-100 ")), "no statistics: " + infos);
    String summary = infos.get(infos.size() - 1);
    assertTrue(summary.matches("Features in .*: " + flacFiles + " files \\(" + flacFiles
        + " extracted, 0 unchanged, 0 skipped\\), .*x real time"), summary);

    infos.clear();
    mojo.execute();
    assertTrue(infos.get(infos.size() - 1).contains("(0 extracted, " + flacFiles + " unchanged, 0 skipped)"),
        infos.toString());
  }

  @Test
  @InjectMojo(goal = "extract-features", pom = POM)
  void missingDatasetSaysWhereItLookedAndWhatToDo(ExtractFeaturesMojo mojo) {
    prepare(mojo);
    mojo.datasetDir = output.resolve("no-such-dir").toString();

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().startsWith("Dataset directory " + output.resolve("no-such-dir") + " does not exist."),
        e.getMessage());
    assertTrue(e.getMessage().contains("-Dgender.datasetDir"), e.getMessage());
  }

  @Test
  @InjectMojo(goal = "extract-features", pom = POM)
  void unknownFeatureParameterIsNamed(ExtractFeaturesMojo mojo) {
    prepare(mojo);
    mojo.datasetDir = SAMPLE.toString();
    mojo.features = java.util.Map.of("trimTopDB", "30");

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().startsWith("<features> configuration: Unknown feature parameter 'trimTopDB'"),
        e.getMessage());
  }
}
