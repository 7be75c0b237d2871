package io.github.voicegender.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.features.FeatureConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

  private static final FeatureConfig FEATURES = FeatureConfig.defaults();
  private static final TrainingConfig TRAINING = new TrainingConfig(List.of(16), 0.1, 16, 0.01, 0, 8, 0,
      0.25, 0, true, 5, "cpu");
  private static List<FeatureRow> rows;
  private static ModelBundle bundle;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    rows = Rows.synthetic(8, 6, 6, FEATURES.vectorLength(), 11);
    TrainingResult result = new ModelTrainer(TRAINING, null, PipelineLog.SILENT).train(rows);
    bundle = ModelBundle.of(result, FEATURES, TRAINING, rows, List.of("train"), List.of("/corpus"), "1.2.3");
  }

  private static float[][] vectors() {
    return rows.stream().map(FeatureRow::vector).toArray(float[][]::new);
  }

  private static double[] probabilities(ModelBundle b) throws IOException {
    try (GenderClassifier classifier = GenderClassifier.of(b)) {
      return classifier.probabilityFemale(List.of(vectors()));
    }
  }

  @Test
  void metadataSaysHowTheModelWasMade() {
    BundleMetadata m = bundle.metadata();
    assertEquals(ModelBundle.FORMAT_VERSION, m.formatVersion());
    assertEquals(FEATURES.fingerprint(), m.featureFingerprint());
    assertEquals(FEATURES.vectorLength(), m.vectorLength());
    assertEquals(List.of("male", "female"), m.labels());
    assertEquals(ModelBundle.datasetFingerprint(rows), m.datasetFingerprint());
    assertEquals(16, m.datasetFingerprint().length());
    assertEquals(List.of("train"), m.subsets());
    assertEquals(5, m.seed());
    assertEquals(TRAINING, m.training());
    assertEquals("MXNet", m.engine());
    assertEquals("cpu()", m.device());
    assertEquals("1.2.3", m.projectVersion());
    assertEquals(8, m.validation().epochsRun());
    assertEquals(rows.size(), m.validation().trainRows() + m.validation().validationRows());
    // Separable synthetic voices: the held-out speakers are all right.
    assertEquals(1.0, m.validation().accuracy(), 1e-9);
  }

  @Test
  void directoryAndZipRoundTripGiveTheSamePredictions() throws Exception {
    bundle.write(dir.resolve("model"));
    bundle.writeZip(dir.resolve("model.zip"));

    double[] expected = probabilities(bundle);
    for (Path location : List.of(dir.resolve("model"), dir.resolve("model.zip"))) {
      ModelBundle read = ModelBundle.read(location);
      assertEquals(bundle.metadata(), read.metadata());
      assertEquals(bundle.scaler(), read.scaler());
      assertEquals(FEATURES, read.featureConfig());
      assertArrayEquals(expected, probabilities(read), 1e-7, location.toString());
    }
    // The synthetic voices are learnt: women mostly above 0.5, men below.
    int right = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).gender().label().equals(Prediction.ofProbabilityFemale(expected[i]).label())) {
        right++;
      }
    }
    assertTrue(right >= 0.9 * rows.size(), right + " of " + rows.size());
  }

  @Test
  void rewritingReplacesTheBundleAndLeavesNoTemporaryFiles() throws Exception {
    Path target = dir.resolve("model");
    Files.createDirectories(target);
    Files.writeString(target.resolve("stale.txt"), "old");

    bundle.write(target);
    bundle.write(target);

    assertFalse(Files.exists(target.resolve("stale.txt")));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("model"), files.map(p -> p.getFileName().toString()).toList());
    }
    try (Stream<Path> files = Files.list(target)) {
      assertEquals(4, files.count());
    }
  }

  @Test
  void unknownFormatVersionIsRefusedWithTheReason() throws Exception {
    Path target = dir.resolve("model");
    bundle.write(target);
    Path metadata = target.resolve(ModelBundle.METADATA_FILE);
    Files.writeString(metadata, Files.readString(metadata).replace("\"formatVersion\" : 1,", "\"formatVersion\" : 99,"));

    IOException e = assertThrows(IOException.class, () -> ModelBundle.read(target));

    assertTrue(e.getMessage().startsWith("Model bundle " + target + " has format version 99; this gender-core"),
        e.getMessage());
    assertTrue(e.getMessage().contains("reads format version 1"), e.getMessage());
  }

  @Test
  void featureConfigurationThisCodeCannotComputeIsRefused() throws Exception {
    Path target = dir.resolve("model");
    bundle.write(target);
    Path config = target.resolve(ModelBundle.FEATURE_CONFIG_FILE);
    Files.writeString(config, Files.readString(config).replace("\"YIN\"", "\"CREPE\""));

    IOException e = assertThrows(IOException.class, () -> ModelBundle.read(target));

    assertTrue(e.getMessage().startsWith("Model bundle " + target
        + " was made with a feature configuration this gender-core cannot compute"), e.getMessage());
    assertTrue(e.getMessage().contains("pitchAlgorithm must be YIN or MPM"), e.getMessage());
  }

  @Test
  void featuresOfAnotherFeatureFormatVersionAreRefused() throws Exception {
    Path target = dir.resolve("model");
    bundle.write(target);
    Path metadata = target.resolve(ModelBundle.METADATA_FILE);
    int other = FeatureConfig.FORMAT_VERSION + 1;
    String edited = Files.readString(metadata).replace(
        "\"featureFormatVersion\" : " + FeatureConfig.FORMAT_VERSION + ",", "\"featureFormatVersion\" : " + other + ",");
    assertTrue(edited.contains("\"featureFormatVersion\" : " + other + ","), edited);
    Files.writeString(metadata, edited);

    IOException e = assertThrows(IOException.class, () -> ModelBundle.read(target));

    assertTrue(e.getMessage().contains("was made with feature format version " + other), e.getMessage());
  }

  @Test
  void missingOrIncompleteBundlesSayWhatIsWrong() throws Exception {
    IOException missing = assertThrows(IOException.class, () -> ModelBundle.read(dir.resolve("none")));
    assertTrue(missing.getMessage().contains("train one with gender:train"), missing.getMessage());

    Path target = dir.resolve("model");
    bundle.write(target);
    Files.delete(target.resolve(ModelBundle.SCALER_FILE));
    IOException incomplete = assertThrows(IOException.class, () -> ModelBundle.read(target));
    assertEquals("Model bundle " + target + " is incomplete: it has no scaler.json; train the model again",
        incomplete.getMessage());

    Path notZip = Files.writeString(dir.resolve("model.zip"), "not a zip");
    IOException garbage = assertThrows(IOException.class, () -> ModelBundle.read(notZip));
    assertTrue(garbage.getMessage().contains("is neither a bundle directory nor a bundle zip"), garbage.getMessage());
  }
}
