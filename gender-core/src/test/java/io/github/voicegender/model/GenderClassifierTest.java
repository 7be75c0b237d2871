package io.github.voicegender.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.extraction.AudioFeatureExtractor;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.features.FeatureConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenderClassifierTest {

  private static final FeatureConfig FEATURES = FeatureConfig.defaults();
  private static final Path SAMPLE = Path.of("../datasets/LibriSpeech").toAbsolutePath().normalize();
  private static ModelBundle bundle;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    List<FeatureRow> rows = Rows.synthetic(6, 6, 4, FEATURES.vectorLength(), 2);
    TrainingConfig config = new TrainingConfig(List.of(8), 0, 16, 0.01, 0, 3, 0, 0, 0, true, 1, "cpu");
    bundle = ModelBundle.of(new ModelTrainer(config, null, PipelineLog.SILENT).train(rows), FEATURES, config,
        rows, List.of("train"), List.of(), null);
  }

  @Test
  void classifiesAFileWithTheBundlesOwnFeatures() throws Exception {
    Path clip;
    try (Stream<Path> files = Files.walk(SAMPLE)) {
      clip = files.filter(f -> f.toString().endsWith(".flac")).sorted().findFirst().orElseThrow();
    }
    bundle.writeZip(dir.resolve("model.zip"));

    try (GenderClassifier classifier = GenderClassifier.load(dir.resolve("model.zip"))) {
      Prediction prediction = classifier.classify(clip);

      double female = classifier.probabilityFemale(new AudioFeatureExtractor(FEATURES).extract(clip).vector());
      assertEquals(Prediction.ofProbabilityFemale(female), prediction);
      assertTrue(prediction.probability() >= 0.5 && prediction.probability() <= 1, prediction.toString());
      assertEquals(female, classifier.probabilityFemale(List.of(new AudioFeatureExtractor(FEATURES)
          .extract(clip).vector(), new float[FEATURES.vectorLength()]))[0], 1e-7);
    }
  }

  @Test
  void silenceIsUnknown() throws Exception {
    Path silence = dir.resolve("silence.wav");
    Files.write(silence, wav(new short[16000 * 2], 16000));

    try (GenderClassifier classifier = GenderClassifier.of(bundle)) {
      Prediction prediction = classifier.classify(silence);

      assertEquals("unknown", prediction.label());
      assertTrue(Double.isNaN(prediction.probability()));
    }
  }

  @Test
  void thresholdAndLabels() {
    assertEquals(new Prediction("female", 0.75), Prediction.ofProbabilityFemale(0.75));
    assertEquals(new Prediction("male", 0.75), Prediction.ofProbabilityFemale(0.25));
    assertEquals("female", Prediction.ofProbabilityFemale(0.5).label());
  }

  @Test
  void gpuWhenThereIsNoneIsAClearError() {
    TrainingConfig gpu = TrainingConfig.defaults().withDevice("gpu");
    List<FeatureRow> rows = Rows.synthetic(3, 3, 2, 5, 1);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ModelTrainer(gpu, null, PipelineLog.SILENT).train(rows));

    assertTrue(e.getMessage().startsWith("gender.device=gpu, but the MXNet engine finds no GPU"), e.getMessage());
  }

  @Test
  void unknownEngineIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ModelTrainer(TrainingConfig.defaults(), "TensorFlow", PipelineLog.SILENT)
            .train(Rows.synthetic(3, 3, 2, 5, 1)));

    assertTrue(e.getMessage().startsWith("Deep-learning engine 'TensorFlow' is not on the class path; available: ["),
        e.getMessage());
  }

  @Test
  void oneGenderOnlyCannotTrain() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ModelTrainer(TrainingConfig.defaults(), null, PipelineLog.SILENT)
            .train(Rows.synthetic(4, 0, 2, 5, 1)));

    assertEquals("The training rows hold only female speakers; a classifier needs both genders", e.getMessage());
  }

  private static byte[] wav(short[] samples, int rate) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 2 * samples.length).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
        .putInt(2 * rate).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(2 * samples.length);
    for (short s : samples) {
      b.putShort(s);
    }
    return b.array();
  }
}
