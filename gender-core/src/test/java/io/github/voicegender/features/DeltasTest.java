package io.github.voicegender.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeltasTest {

  /**
   * Absolute tolerance against torchaudio's compute_deltas on the same input (values up to about
   * 3; largest difference seen 1.1e-6, float rounding).
   */
  private static final double DELTA_TOLERANCE = 1e-5;

  /** Absolute tolerance for our MFCC followed by our deltas against torchaudio's (seen: 7.3e-6). */
  private static final double END_TO_END_TOLERANCE = 1e-4;

  @Test
  void matchesTorchaudioComputeDeltasReplicate() {
    double[][] mfcc = ReferenceData.csv("mfcc.csv");
    double[][] reference = ReferenceData.csv("mfcc_deltas.csv");
    float[][] frames = new float[mfcc.length][];
    for (int t = 0; t < mfcc.length; t++) {
      frames[t] = new float[mfcc[t].length];
      for (int j = 0; j < mfcc[t].length; j++) {
        frames[t][j] = (float) mfcc[t][j];
      }
    }
    float[][] deltas = Deltas.compute(frames, 2);
    assertEquals(reference.length, deltas.length);
    double worst = 0;
    for (int t = 0; t < deltas.length; t++) {
      for (int j = 0; j < deltas[t].length; j++) {
        worst = Math.max(worst, Math.abs(deltas[t][j] - reference[t][j]));
      }
    }
    assertTrue(worst <= DELTA_TOLERANCE, "max abs difference " + worst);
  }

  @Test
  void ourMfccThenDeltasMatchTorchaudio() {
    double[][] reference = ReferenceData.csv("mfcc_deltas.csv");
    float[][] mfcc = new MfccExtractor(ReferenceData.CONFIG).extract(ReferenceData.signal())
        .coefficients();
    float[][] deltas = Deltas.compute(mfcc, FeatureConfig.defaults().deltaWidth());
    assertEquals(reference.length, deltas.length);
    double worst = 0;
    for (int t = 0; t < deltas.length; t++) {
      for (int j = 0; j < deltas[t].length; j++) {
        worst = Math.max(worst, Math.abs(deltas[t][j] - reference[t][j]));
      }
    }
    assertTrue(worst <= END_TO_END_TOLERANCE, "max abs difference " + worst);
  }

  @Test
  void rampHasItsSlopeInsideAndReplicatedEdges() {
    float[][] ramp = new float[6][];
    for (int t = 0; t < ramp.length; t++) {
      ramp[t] = new float[] {t, -3f * t, 5f};
    }
    float[][] d = Deltas.compute(ramp, 2);
    // Inside: exactly the slope.
    for (int t = 2; t <= 3; t++) {
      assertArrayEquals(new float[] {1f, -3f, 0f}, d[t], 1e-6f);
    }
    // t = 0 with replication: (1*(1-0) + 2*(2-0)) / 10 = 0.5; t = 1: (1*(2-0) + 2*(3-0)) / 10 = 0.8.
    assertEquals(0.5f, d[0][0], 1e-6f);
    assertEquals(0.8f, d[1][0], 1e-6f);
    assertEquals(0.8f, d[4][0], 1e-6f);
    assertEquals(0.5f, d[5][0], 1e-6f);
    assertEquals(-1.5f, d[0][1], 1e-6f);
  }

  @Test
  void degenerateInputs() {
    assertEquals(0, Deltas.compute(new float[0][], 2).length);
    assertArrayEquals(new float[] {0f, 0f}, Deltas.compute(new float[][] {{4f, 2f}}, 2)[0]);
    assertThrows(IllegalArgumentException.class, () -> Deltas.compute(new float[1][1], 0));
  }
}
