package io.github.voicegender.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MfccExtractorTest {

  /**
   * Tolerance against torchaudio's MFCC: {@code |java - torch| <= 2e-4 * max(1, |torch|)}, i.e.
   * 2e-4 absolute for small coefficients, 2e-4 relative for large ones (c0 reaches about -80).
   * Both sides compute in float32 and differ in FFT and summation order; the largest difference
   * seen is 2.4e-5, so this leaves a factor of about 8 for other JVMs and CPUs.
   */
  private static final double MFCC_TOLERANCE = 2e-4;

  private final FeatureConfig config = ReferenceData.CONFIG;

  @Test
  void matchesTorchaudioMfcc() {
    float[] signal = ReferenceData.signal();
    assertEquals(16000, signal.length);
    double[][] reference = ReferenceData.csv("mfcc.csv");
    MfccFrames result = new MfccExtractor(config).extract(signal);
    assertEquals(98, result.frameCount());
    // torchaudio got the signal with 56 zeros in front (see the script), which aligns its frames
    // (window centred in n_fft) with ours (window at the start of the frame).
    assertEquals(98, reference.length);
    double worst = 0;
    for (int t = 0; t < reference.length; t++) {
      assertEquals(20, result.coefficients()[t].length);
      for (int c = 0; c < 20; c++) {
        double ref = reference[t][c];
        double error = Math.abs(result.coefficients()[t][c] - ref) / Math.max(1.0, Math.abs(ref));
        worst = Math.max(worst, error);
      }
    }
    assertTrue(worst <= MFCC_TOLERANCE, "max scaled difference " + worst);
  }

  @Test
  void framingHasNoCentrePadding() {
    MfccExtractor extractor = new MfccExtractor(config);
    assertEquals(0, extractor.frameCount(0));
    assertEquals(0, extractor.frameCount(399));
    assertEquals(1, extractor.frameCount(400));
    assertEquals(1, extractor.frameCount(559));
    assertEquals(2, extractor.frameCount(560));
    assertEquals(98, extractor.frameCount(16000));
    MfccFrames empty = extractor.extract(new float[399]);
    assertEquals(0, empty.frameCount());
    assertEquals(0, empty.energyDb().length);
  }

  @Test
  void silenceGivesTheLogOffsetAndTheEnergyFloor() {
    MfccFrames result = new MfccExtractor(config).extract(new float[1600]);
    assertEquals(8, result.frameCount());
    double c0 = Math.sqrt(40) * Math.log(1e-6); // orthonormal DCT of a constant log-mel vector
    for (int t = 0; t < result.frameCount(); t++) {
      assertEquals(c0, result.coefficients()[t][0], 1e-3);
      for (int c = 1; c < 20; c++) {
        assertEquals(0.0, result.coefficients()[t][c], 1e-4);
      }
      assertEquals(MfccExtractor.ENERGY_FLOOR_DB, result.energyDb()[t]);
    }
  }

  @Test
  void energyIsTheFrameLevelInDbFullScale() {
    MfccExtractor extractor = new MfccExtractor(config);
    float[] loud = extractor.extract(sine(1000, 1.0, 8000)).energyDb();
    float[] quiet = extractor.extract(sine(1000, 0.01, 8000)).energyDb();
    for (int t = 0; t < loud.length; t++) {
      assertEquals(-3.01, loud[t], 0.1); // a full-scale sine has mean square 1/2
      assertEquals(-43.01, quiet[t], 0.1);
    }
  }

  @Test
  void levelMovesC0Only() {
    // Broadband noise keeps every band far above the 1e-6 log offset even 40 dB down, so the
    // offset does not bend the spectrum and only c0 moves: ln(1e4) per band, times sqrt(40) in c0.
    java.util.Random random = new java.util.Random(3);
    float[] loud = new float[8000];
    float[] quiet = new float[8000];
    for (int i = 0; i < loud.length; i++) {
      loud[i] = (float) (0.3 * random.nextGaussian());
      quiet[i] = loud[i] * 0.01f;
    }
    MfccExtractor extractor = new MfccExtractor(config);
    MfccFrames a = extractor.extract(loud);
    MfccFrames b = extractor.extract(quiet);
    for (int t = 0; t < a.frameCount(); t++) {
      assertEquals(40.0, a.energyDb()[t] - b.energyDb()[t], 1e-3);
      assertEquals(Math.sqrt(40) * Math.log(1e4),
          a.coefficients()[t][0] - b.coefficients()[t][0], 0.05);
      for (int c = 1; c < 20; c++) {
        assertEquals(a.coefficients()[t][c], b.coefficients()[t][c], 0.02);
      }
    }
  }

  @Test
  void extractFrameEqualsExtractAndReusingTheInstanceIsStateless() {
    float[] signal = ReferenceData.signal();
    MfccExtractor extractor = new MfccExtractor(config);
    MfccFrames first = extractor.extract(signal);
    extractor.extract(sine(300, 0.5, 4000));
    MfccFrames again = extractor.extract(signal);
    float[] row = new float[20];
    for (int t = 0; t < first.frameCount(); t++) {
      assertArrayEquals(first.coefficients()[t], again.coefficients()[t]);
      float db = extractor.extractFrame(signal, t * 160, row);
      assertArrayEquals(first.coefficients()[t], row);
      assertEquals(first.energyDb()[t], db);
    }
  }

  @Test
  void dctTableIsOrthonormal() {
    float[] table = MfccExtractor.dctOrthoTable(20, 40);
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 20; j++) {
        double dot = 0;
        for (int b = 0; b < 40; b++) {
          dot += (double) table[i * 40 + b] * table[j * 40 + b];
        }
        assertEquals(i == j ? 1.0 : 0.0, dot, 1e-6);
      }
    }
  }

  @Test
  void hammingWindowIsPeriodic() {
    float[] w = MfccExtractor.periodicHamming(400);
    assertEquals(0.08f, w[0], 1e-6f);
    assertEquals(1.0f, w[200], 1e-6f);
    assertEquals(w[1], w[399], 1e-6f); // periodic: symmetric about n/2, not about (n-1)/2
  }

  static float[] sine(double hz, double amplitude, int samples) {
    float[] x = new float[samples];
    for (int i = 0; i < samples; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / 16000.0));
    }
    return x;
  }
}
