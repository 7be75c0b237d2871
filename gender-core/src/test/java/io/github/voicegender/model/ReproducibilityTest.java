package io.github.voicegender.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.extraction.FeatureRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same rows, configuration and seed: the same curves and the same network, bit for bit. */
class ReproducibilityTest {

  private static final List<FeatureRow> ROWS = Rows.synthetic(12, 9, 8, 20, 3);
  private static final TrainingConfig CONFIG =
      new TrainingConfig(List.of(32, 16), 0.3, 16, 0.005, 1e-4, 6, 0, 0.25, 0.3, true, 1234, "cpu");

  private static TrainingResult train(TrainingConfig config) {
    return new ModelTrainer(config, null, PipelineLog.SILENT).train(ROWS);
  }

  @Test
  void trainingTwiceGivesTheSameMetricsAndParameters() {
    TrainingResult first = train(CONFIG);
    TrainingResult second = train(CONFIG);

    List<EpochMetrics> a = withoutTime(first.epochs());
    assertEquals(a, withoutTime(second.epochs()));
    assertEquals(6, a.size());
    assertArrayEquals(first.networkParameters(), second.networkParameters());
    assertEquals(first.validationAccuracy(), second.validationAccuracy());
    // The curves are real numbers, not placeholders.
    assertTrue(a.get(5).trainLoss() < a.get(0).trainLoss(), a.toString());
  }

  @Test
  void anotherSeedGivesAnotherNetwork() {
    assertFalse(Arrays.equals(train(CONFIG).networkParameters(),
        train(CONFIG.withSeed(99)).networkParameters()));
  }

  private static List<EpochMetrics> withoutTime(List<EpochMetrics> epochs) {
    List<EpochMetrics> out = new ArrayList<>();
    for (EpochMetrics e : epochs) {
      out.add(new EpochMetrics(e.epoch(), e.trainLoss(), e.trainAccuracy(), e.validationLoss(),
          e.validationAccuracy(), 0));
    }
    return out;
  }
}
