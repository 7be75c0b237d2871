package io.github.voicegender.features;

import java.util.Random;

/** A synthetic, deterministic voice-like signal with a known pitch contour, for tests and benchmarks. */
final class SyntheticSpeech {

  static final int SR = 16000;

  private SyntheticSpeech() {}

  /**
   * The true pitch (Hz) at time t: a slow glide between 87 and 233 Hz with a slight 5 Hz vibrato
   * (intonation-like rates of change, up to about 100 Hz/s).
   */
  static double pitchAt(double t) {
    return 160 + 70 * Math.sin(2 * Math.PI * 0.13 * t) + 3 * Math.sin(2 * Math.PI * 5.1 * t);
  }

  /** One stretch of 1.7 s in three is a pause (faint noise only). */
  static boolean isPause(double t) {
    return ((int) (t / 1.7)) % 3 == 2;
  }

  /** Syllable envelope before clipping at 0: sounding where positive, four syllables a second. */
  static double syllablePhase(double t) {
    return Math.sin(2 * Math.PI * 4.0 * t);
  }

  /**
   * A voice-like test signal: a harmonic source whose pitch glides between about 90 and 240 Hz,
   * shaped by three formant-like resonances, switched on and off at a syllable rate with pauses,
   * over a faint noise floor. Deterministic for a seed.
   */
  static float[] signal(int seconds, long seed) {
    Random random = new Random(seed);
    int n = seconds * SR;
    float[] x = new float[n];
    double phase = 0;
    double[] formants = {500, 1500, 2500};
    for (int i = 0; i < n; i++) {
      double t = (double) i / SR;
      double f0 = pitchAt(t);
      phase += 2 * Math.PI * f0 / SR;
      double v = 0;
      for (int h = 1; h * f0 < 3800; h++) {
        double fh = h * f0;
        double gain = 0;
        for (double formant : formants) {
          gain += 1.0 / (1.0 + Math.pow((fh - formant) / 150.0, 2));
        }
        v += gain / h * Math.sin(h * phase);
      }
      double syllable = Math.max(0, syllablePhase(t));
      x[i] = (float) ((isPause(t) ? 0 : 0.2 * syllable * v) + 0.003 * random.nextGaussian());
    }
    return x;
  }
}
