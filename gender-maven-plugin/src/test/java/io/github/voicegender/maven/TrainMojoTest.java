package io.github.voicegender.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.dataset.DatasetReader;
import io.github.voicegender.extraction.AudioFeatureExtractor;
import io.github.voicegender.extraction.FeatureExtraction;
import io.github.voicegender.extraction.FeatureStore;
import io.github.voicegender.features.FeatureConfig;
import io.github.voicegender.model.BundleMetadata;
import io.github.voicegender.model.GenderClassifier;
import io.github.voicegender.model.ModelBundle;
import io.github.voicegender.report.TrainingReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gender:train as Maven configures it, on features of the bundled synthetic sample. */
@MojoTest
class TrainMojoTest {

  private static final String POM = "src/test/resources/unit/train/pom.xml";
  private static final Path SAMPLE = Path.of("../datasets/LibriSpeech").toAbsolutePath().normalize();

  @TempDir Path output;
  private final List<String> infos = Collections.synchronizedList(new ArrayList<>());

  private void prepare(TrainMojo mojo) {
    mojo.featuresDir = output.resolve("features").toFile();
    mojo.modelDir = output.resolve("gender/model").toFile();
    mojo.outputDir = output.resolve("gender").toFile();
    mojo.datasetDir = SAMPLE.toString();
    mojo.epochs = 15;
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        infos.add(content.toString());
      }
    });
  }

  private void extractSample() throws Exception {
    FeatureConfig config = FeatureConfig.defaults();
    new FeatureExtraction(config, () -> new AudioFeatureExtractor(config), 2, false, PipelineLog.SILENT,
        Duration.ofMinutes(1))
        .run(DatasetReader.read(List.of(SAMPLE), List.of("train-clean-100")), new FeatureStore(output.resolve("features")));
  }

  @Test
  @InjectMojo(goal = "train", pom = POM)
  void trainsWritesBundleAndCurvesThenSkipsWhenNothingChanged(TrainMojo mojo) throws Exception {
    prepare(mojo);
    extractSample();

    mojo.execute();

    Path bundleDir = output.resolve("gender/model");
    BundleMetadata metadata = ModelBundle.read(bundleDir).metadata();
    assertEquals(List.of("train-clean-100"), metadata.subsets());
    assertEquals(42, metadata.seed());
    assertEquals("MXNet", metadata.engine());
    assertEquals("cpu()", metadata.device());
    assertEquals(List.of(256, 128), metadata.training().hiddenLayers());
    assertTrue(metadata.validation().validationSpeakers() >= 2, metadata.toString());
    assertTrue(infos.stream().anyMatch(l -> l.contains("MXNet on cpu()")), "device not logged: " + infos);
    assertTrue(infos.stream().anyMatch(l -> l.startsWith("epoch   1/15  loss ")), infos.toString());
    assertEquals(ModelBundle.read(output.resolve("gender/model.zip")).metadata().trainingKey(), metadata.trainingKey());
    List<String> curves = Files.readAllLines(output.resolve("gender").resolve(TrainingReport.CURVES_CSV));
    assertEquals("epoch,trainLoss,trainAccuracy,validationLoss,validationAccuracy,seconds", curves.get(0));
    assertTrue(Files.size(output.resolve("gender").resolve(TrainingReport.CURVES_PNG)) > 10_000);
    assertTrue(Files.readString(output.resolve("gender").resolve(TrainingReport.HTML_FILE)).contains("learningRate"));
    assertEquals(metadata.validation().epochsRun() + 1, curves.size());
    try (GenderClassifier classifier = GenderClassifier.load(bundleDir)) {
      Path clip;
      try (var files = Files.walk(SAMPLE.resolve("train-clean-100"))) {
        clip = files.filter(f -> f.toString().endsWith(".flac")).sorted().findFirst().orElseThrow();
      }
      assertTrue(List.of("male", "female").contains(classifier.classify(clip).label()));
    }

    infos.clear();
    mojo.execute();
    assertTrue(infos.stream().anyMatch(l -> l.contains("is up to date")), infos.toString());
    assertEquals(metadata.createdAt(), ModelBundle.read(bundleDir).metadata().createdAt());

    infos.clear();
    mojo.seed = 7L;
    mojo.execute();
    assertEquals(7, ModelBundle.read(bundleDir).metadata().seed(), "a new seed retrains");
  }

  @Test
  @InjectMojo(goal = "train", pom = POM)
  void missingFeaturesSayWhatToRun(TrainMojo mojo) {
    prepare(mojo);

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().startsWith("No features in " + output.resolve("features")), e.getMessage());
    assertTrue(e.getMessage().contains("Run gender:extract-features first (with -Dgender.subsets=train-clean-100"),
        e.getMessage());
  }

  @Test
  @InjectMojo(goal = "train", pom = POM)
  void gpuWithoutOneIsAClearError(TrainMojo mojo) throws Exception {
    prepare(mojo);
    extractSample();
    mojo.device = "gpu";

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().startsWith("gender.device=gpu, but the MXNet engine finds no GPU"), e.getMessage());
  }

  /** The plugin carries the PyTorch engine and its CPU natives: gender.engine=PyTorch needs no pom change. */
  @Test
  @InjectMojo(goal = "train", pom = POM)
  void trainsWithPyTorchAndTheBundleSaysSo(TrainMojo mojo) throws Exception {
    prepare(mojo);
    extractSample();
    mojo.engine = "PyTorch";
    mojo.device = "cpu";

    mojo.execute();

    Path bundleDir = output.resolve("gender/model");
    BundleMetadata metadata = ModelBundle.read(bundleDir).metadata();
    assertEquals("PyTorch", metadata.engine());
    assertTrue(infos.stream().anyMatch(l -> l.contains("PyTorch on cpu()")), infos.toString());
    try (GenderClassifier classifier = GenderClassifier.load(bundleDir)) {
      assertEquals("PyTorch", classifier.engine());
      Path clip;
      try (var files = Files.walk(SAMPLE.resolve("dev-clean"))) {
        clip = files.filter(f -> f.toString().endsWith(".flac")).sorted().findFirst().orElseThrow();
      }
      assertTrue(List.of("male", "female").contains(classifier.classify(clip).label()));
    }
  }

  @Test
  @InjectMojo(goal = "train", pom = POM)
  void badHiddenLayersAreNamed(TrainMojo mojo) {
    prepare(mojo);
    mojo.hiddenLayers = "256;128";

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().contains("hidden layers must be comma-separated widths such as 256,128, was '256;128'"),
        e.getMessage());
  }
}
