package io.github.voicegender.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.voicegender.PipelineLog;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.features.FeatureConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both supported engines train, evaluate and predict on the CPU (what CI runs), a bundle trained
 * with either loads and predicts identically on the other, and {@code gender.device=gpu} on a
 * machine without a usable GPU says what was found.
 */
class EngineTest {

  private static final List<String> ENGINES = List.of("MXNet", "PyTorch");
  private static final FeatureConfig FEATURES = FeatureConfig.defaults();
  private static final TrainingConfig CONFIG =
      new TrainingConfig(List.of(16), 0.1, 16, 0.01, 0, 15, 0, 0.25, 0.3, true, 5, "cpu");

  private static List<FeatureRow> train;
  /** Speakers never trained on (another seed draws other voices). */
  private static List<FeatureRow> heldOut;
  private static final Map<String, ModelBundle> BUNDLES = new TreeMap<>();

  @TempDir Path dir;

  @BeforeAll
  static void trainWithEachEngine() {
    train = Rows.synthetic(10, 10, 6, FEATURES.vectorLength(), 11);
    heldOut = Rows.synthetic(6, 6, 5, FEATURES.vectorLength(), 99);
    for (String engine : ENGINES) {
      TrainingResult result = new ModelTrainer(CONFIG, engine, PipelineLog.SILENT).train(train);
      assertEquals(engine, result.engine());
      assertEquals(Device.cpu().toString(), result.device());
      BUNDLES.put(engine, ModelBundle.of(result, FEATURES, CONFIG, train, List.of("train"), List.of(), null));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"MXNet", "PyTorch"})
  void trainsAndPredictsHeldOutSpeakers(String engine) throws IOException {
    ModelBundle bundle = BUNDLES.get(engine);
    assertEquals(engine, bundle.metadata().engine());
    assertTrue(bundle.metadata().validation().accuracy() > 0.9, "validation " + bundle.metadata().validation());

    Path zip = dir.resolve(engine + ".zip");
    bundle.writeZip(zip);
    try (GenderClassifier classifier = GenderClassifier.load(zip)) {
      assertEquals(engine, classifier.engine(), "a bundle loads on the engine that trained it");
      double[] female = classifier.probabilityFemale(heldOut.stream().map(FeatureRow::vector).toList());
      double accuracy = RealCorpus.evaluate(heldOut, female).accuracy();
      assertTrue(accuracy > 0.9, engine + " held-out accuracy " + accuracy);
    }
  }

  /** DJL writes parameters in its engine-neutral NDArray format: either engine reads either's. */
  @ParameterizedTest
  @ValueSource(strings = {"MXNet", "PyTorch"})
  void aBundleTrainedWithOneEnginePredictsTheSameOnTheOther(String trainedWith) throws IOException {
    String other = trainedWith.equals("MXNet") ? "PyTorch" : "MXNet";
    Path zip = dir.resolve("model.zip");
    BUNDLES.get(trainedWith).writeZip(zip);
    List<float[]> vectors = heldOut.stream().map(FeatureRow::vector).toList();

    try (GenderClassifier own = GenderClassifier.load(zip);
        GenderClassifier cross = GenderClassifier.load(zip, other)) {
      assertEquals(trainedWith, own.engine());
      assertEquals(other, cross.engine());
      double[] expected = own.probabilityFemale(vectors);
      double[] actual = cross.probabilityFemale(vectors);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 1e-5, "row " + i);
      }
    }
  }

  @Test
  void aBundleWhoseEngineIsAbsentLoadsOnTheDefault() {
    assertEquals("MXNet", GenderClassifier.inferenceEngine(null, "TensorFlow"));
    assertEquals("PyTorch", GenderClassifier.inferenceEngine(null, "PyTorch"));
    assertEquals("PyTorch", GenderClassifier.inferenceEngine("PyTorch", "MXNet"));
    assertEquals("PyTorch", GenderClassifier.inferenceEngine("pytorch", "MXNet"));
    assertEquals("MXNet", ModelTrainer.engineName("mxnet"));
    assertEquals("MXNet", ModelTrainer.engineName(" "));
  }

  /** Print what gender.device=gpu says on this machine, for the README and the report. */
  @Test
  void gpuMessagesAsSeenHere() {
    for (String engine : ENGINES) {
      try {
        DeviceSelection.choose(GenderNetwork.engine(engine), "gpu", PipelineLog.SILENT);
        System.out.println(engine + ": a usable GPU");
      } catch (IllegalArgumentException e) {
        System.out.println(e.getMessage());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"MXNet", "PyTorch"})
  void gpuWithoutAUsableGpuSaysWhatWasFound(String engine) {
    TrainingConfig gpu = CONFIG.withDevice("gpu");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ModelTrainer(gpu, engine, PipelineLog.SILENT).train(Rows.synthetic(3, 3, 2, 5, 1)));

    String message = e.getMessage();
    assertTrue(message.startsWith("gender.device=gpu, but the " + engine + " engine finds no GPU it can use: "
        + "the " + engine + " engine ("), message);
    assertTrue(message.contains("a CPU-only build) finds 0 GPUs; the CUDA runtime sees no NVIDIA GPU"), message);
    assertTrue(message.contains("Or use gender.device=auto"), message);
    if (engine.equals("PyTorch")) {
      assertTrue(message.contains("pytorch-native-cu124:2.5.1") && message.contains("pytorch-jni:2.5.1-0.32.0")
          && message.contains("older DJL"), message);
    } else {
      assertTrue(message.contains("not on Maven Central") && message.contains("8.6"), message);
    }
  }

  @Test
  void autoOnAMachineWithoutAGpuTrainsOnTheCpuQuietly() {
    List<String> warnings = new ArrayList<>();
    PipelineLog log = new PipelineLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {
        warnings.add(message);
      }
    };
    for (String engine : ENGINES) {
      DeviceSelection.Findings found = DeviceSelection.find(GenderNetwork.engine(engine));
      // This machine (and CI) has no GPU; on one with a GPU the test says nothing about quietness.
      if (found.machineGpus() <= 0 && found.engineGpus() == 0) {
        assertEquals(Device.cpu(), DeviceSelection.choose(GenderNetwork.engine(engine), "auto", log));
        assertTrue(warnings.isEmpty(), warnings.toString());
      }
    }
  }

  @Test
  void anUnusableGpuIsExplainedAndAutoFallsBackToTheCpu() {
    DeviceSelection.Findings mxnetOnHopper =
        new DeviceSelection.Findings("MXNet", "1.9.1", 1, true, 1, "90",
            "MXNet 1.9.1 has GPU kernels up to compute capability 8.6 only, this GPU is 9.0");
    assertFalse(mxnetOnHopper.usable());
    assertEquals("the MXNet engine (1.9.1, a CUDA build) finds 1 GPU; the CUDA runtime sees 1 GPU (gpu 0: "
        + "compute capability 9.0); MXNet 1.9.1 has GPU kernels up to compute capability 8.6 only, this GPU "
        + "is 9.0", mxnetOnHopper.describe());
    DeviceSelection.Findings cpuBuildOnGpu =
        new DeviceSelection.Findings("PyTorch", "2.7.1", 0, false, 2, "90", null);
    assertFalse(cpuBuildOnGpu.usable());
    assertTrue(cpuBuildOnGpu.describe().contains("a CPU-only build) finds 0 GPUs; the CUDA runtime sees 2 GPUs"));
  }

  /** PyTorch's start-up notes (thread counts, graph executor) stay out of a normal run's log. */
  @Test
  void pyTorchChatterStaysOutOfTheLog() throws Exception {
    String quiet = runInOwnJvm("PyTorch", List.of());
    assertTrue(quiet.contains("trained on PyTorch cpu(), bundle engine PyTorch"), quiet);
    assertFalse(quiet.contains("ai.djl"), quiet);

    // The same run with DJL's loggers at INFO shows what QuietEngine keeps out.
    String chatty = runInOwnJvm("PyTorch", List.of("-Dorg.slf4j.simpleLogger.log.ai.djl=info"));
    assertTrue(chatty.contains("INFO ai.djl"), chatty);
  }

  private static String runInOwnJvm(String engine, List<String> options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EngineChatterMain.class.getName());
    command.add(engine);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES));
    String text = new String(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), text);
    return text;
  }
}
