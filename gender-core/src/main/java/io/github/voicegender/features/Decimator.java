package io.github.voicegender.features;

import java.util.Arrays;

/**
 * Integer-factor decimation with an anti-aliasing low-pass, used to take the pitch tracker's input
 * from {@code sampleRate} down to {@code pitchSampleRate} (16 kHz to 8 kHz by default).
 *
 * <p>The filter is a Blackman-windowed sinc with its cut-off at the new Nyquist frequency and
 * {@code 2 * 12 * factor + 1} taps (49 for halving). For a factor of 2 it is a half-band filter:
 * every second tap is exactly zero and is skipped, so halving costs 23 multiply-adds per output
 * sample, and only the kept outputs are computed. The response is -6 dB at the new Nyquist
 * frequency and reaches the Blackman stop band about 1.3 kHz above it (at 16 kHz in), so a little
 * energy from just above 4 kHz folds back just below 4 kHz; voice pitch (below 1 kHz, with
 * harmonics that matter up to about 2 kHz) is untouched by that.
 *
 * <p>Zero phase: output {@code m} is centred on input {@code m * factor}; samples outside the
 * signal count as zero. Package-private until the audio package's resampler can take this over.
 * Immutable and thread-safe.
 */
final class Decimator {

  private static final int HALF_LENGTH_PER_FACTOR = 12;

  private final int factor;
  /** Non-zero taps: offsets relative to the centre sample and their weights. */
  private final int[] offsets;
  private final float[] taps;
  private final int reach;

  Decimator(int factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("decimation factor must be at least 1, got " + factor);
    }
    this.factor = factor;
    if (factor == 1) {
      offsets = new int[] {0};
      taps = new float[] {1f};
      reach = 0;
      return;
    }
    int half = HALF_LENGTH_PER_FACTOR * factor;
    double[] h = new double[2 * half + 1];
    double sum = 0;
    for (int k = -half; k <= half; k++) {
      double x = (double) k / factor;
      double sinc = k == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
      double phase = Math.PI * k / half;
      double blackman = 0.42 + 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
      h[k + half] = sinc * blackman;
      sum += h[k + half];
    }
    int[] o = new int[h.length];
    float[] w = new float[h.length];
    int n = 0;
    for (int k = -half; k <= half; k++) {
      double v = h[k + half] / sum; // unit gain at DC
      // The sinc's zeros at multiples of the factor are exact in theory but not in floating point.
      if (Math.abs(v) > 1e-9) {
        o[n] = k;
        w[n] = (float) v;
        n++;
      }
    }
    offsets = Arrays.copyOf(o, n);
    taps = Arrays.copyOf(w, n);
    reach = half;
  }

  int factor() {
    return factor;
  }

  /** Output length for {@code inputLength} samples: {@code ceil(inputLength / factor)}. */
  int outputLength(int inputLength) {
    return (inputLength + factor - 1) / factor;
  }

  /**
   * Decimates {@code input} into {@code output}, which must hold {@link #outputLength} samples.
   */
  void decimate(float[] input, float[] output) {
    int n = input.length;
    int outLength = outputLength(n);
    if (output.length < outLength) {
      throw new IllegalArgumentException("output too short: " + output.length + " < " + outLength);
    }
    int[] o = offsets;
    float[] w = taps;
    for (int m = 0; m < outLength; m++) {
      int centre = m * factor;
      float sum = 0f;
      if (centre - reach >= 0 && centre + reach < n) {
        // Interior: no bounds checks needed, the common case.
        for (int i = 0; i < o.length; i++) {
          sum += w[i] * input[centre + o[i]];
        }
      } else {
        for (int i = 0; i < o.length; i++) {
          int j = centre + o[i];
          if (j >= 0 && j < n) {
            sum += w[i] * input[j];
          }
        }
      }
      output[m] = sum;
    }
  }
}
