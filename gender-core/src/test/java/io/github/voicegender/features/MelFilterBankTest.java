package io.github.voicegender.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MelFilterBankTest {

  /**
   * Absolute tolerance against torchaudio's float32 filter bank (weights are in [0, 1]; largest
   * difference seen 3.2e-6, torch computing the edges in float32).
   */
  private static final double FILTERBANK_TOLERANCE = 1e-5;

  private final MelFilterBank bank = MelFilterBank.of(ReferenceData.CONFIG);

  @Test
  void theDefaultTelephoneBandHasNoEmptyFilter() {
    MelFilterBank telephone = MelFilterBank.of(FeatureConfig.defaults());
    assertEquals(3400, telephone.maxHz(), 1e-9);
    for (int b = 0; b < telephone.bands(); b++) {
      float max = 0;
      for (float w : telephone.weights(b)) {
        max = Math.max(max, w);
      }
      assertTrue(max >= 0.5f, "band " + b + " peaks at " + max);
    }
  }

  @Test
  void matchesTorchaudioMelscaleFbanks() {
    double[][] reference = ReferenceData.csv("mel_filterbank.csv");
    assertEquals(257, reference.length);
    assertEquals(40, reference[0].length);
    assertEquals(257, bank.bins());
    assertEquals(40, bank.bands());
    double worst = 0;
    for (int k = 0; k < 257; k++) {
      for (int b = 0; b < 40; b++) {
        worst = Math.max(worst, Math.abs(bank.weight(b, k) - reference[k][b]));
      }
    }
    assertTrue(worst <= FILTERBANK_TOLERANCE, "max abs difference " + worst);
  }

  @Test
  void htkMelScale() {
    assertEquals(2595.0 * Math.log10(2.0), MelFilterBank.hzToMel(700.0), 1e-9);
    assertEquals(0.0, MelFilterBank.hzToMel(0.0), 1e-12);
    for (double hz : new double[] {20, 440, 1000, 8000}) {
      assertEquals(hz, MelFilterBank.melToHz(MelFilterBank.hzToMel(hz)), 1e-9);
    }
    // Edges equally spaced in mel: centres too.
    double step = MelFilterBank.hzToMel(bank.centreHz(1)) - MelFilterBank.hzToMel(bank.centreHz(0));
    for (int b = 2; b < bank.bands(); b++) {
      double d = MelFilterBank.hzToMel(bank.centreHz(b)) - MelFilterBank.hzToMel(bank.centreHz(b - 1));
      assertEquals(step, d, 1e-9);
    }
    assertEquals(MelFilterBank.hzToMel(20) + step, MelFilterBank.hzToMel(bank.centreHz(0)), 1e-9);
    assertEquals(MelFilterBank.hzToMel(8000) - step,
        MelFilterBank.hzToMel(bank.centreHz(39)), 1e-9);
  }

  @Test
  void trianglesAreUnnormalisedAndPeakNearTheirCentre() {
    for (int b = 0; b < bank.bands(); b++) {
      float[] w = bank.weights(b);
      float max = 0;
      int argMax = -1;
      for (int i = 0; i < w.length; i++) {
        assertTrue(w[i] > 0 && w[i] <= 1f, "weights of band " + b + " in (0, 1]");
        if (w[i] > max) {
          max = w[i];
          argMax = bank.startBin(b) + i;
        }
      }
      double binHz = 16000.0 / 512;
      assertEquals(bank.centreHz(b), argMax * binHz, binHz, "peak bin of band " + b);
      if (b >= 10) {
        // Bands wider than a few bins reach close to 1 (peak 1 at the exact centre frequency).
        assertTrue(max > 0.8f, "peak of band " + b + " is " + max);
      }
    }
    // The last band falls to zero at 8000 Hz (bin 256) instead of ramping over the spectrum, the
    // TarsosDSP bug this class exists to avoid.
    assertEquals(0f, bank.weight(39, 256));
    assertTrue(bank.startBin(39) > 200);
  }

  @Test
  void sparseApplyEqualsDenseProduct() {
    float[][] dense = bank.toDenseMatrix();
    Random random = new Random(7);
    float[] power = new float[bank.bins()];
    for (int k = 0; k < power.length; k++) {
      power[k] = random.nextFloat() * 10;
    }
    float[] mel = new float[bank.bands()];
    bank.apply(power, mel);
    float[] expected = new float[bank.bands()];
    for (int b = 0; b < bank.bands(); b++) {
      double sum = 0;
      for (int k = 0; k < power.length; k++) {
        sum += dense[k][b] * power[k];
      }
      expected[b] = (float) sum;
    }
    assertArrayEquals(expected, mel, 1e-3f);
  }
}
