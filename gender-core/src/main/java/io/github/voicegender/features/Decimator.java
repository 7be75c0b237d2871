package io.github.voicegender.features;

import java.util.Arrays;

/**
 * Integer-factor decimation with an anti-aliasing low-pass, used to take the pitch tracker's input
 * from {@code sampleRate} down to {@code pitchSampleRate} (16 kHz to 8 kHz by default).
 *
 * <p>The filter is a Blackman-windowed sinc with its cut-off at the new Nyquist frequency and
 * {@code 2 * 12 * factor + 1} taps (49 for halving). For a factor of 2 it is a half-band filter:
 * every second tap is exactly zero and is skipped, and the taps come in symmetric pairs, so
 * halving costs 13 multiplications per output sample; only the kept outputs are computed. The response is -6 dB at the new Nyquist
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
  /** Weight of the centre tap. */
  private final float centreTap;
  /**
   * The filter is symmetric: positive offsets of the non-zero taps and their weights, applied to
   * the sum of the two samples at {@code centre - offset} and {@code centre + offset}, which halves
   * the multiplications.
   */
  private final int[] offsets;
  private final float[] taps;
  private final int reach;

  Decimator(int factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("decimation factor must be at least 1, got " + factor);
    }
    this.factor = factor;
    if (factor == 1) {
      centreTap = 1f;
      offsets = new int[0];
      taps = new float[0];
      reach = 0;
      return;
    }
    int half = HALF_LENGTH_PER_FACTOR * factor;
    double[] h = new double[half + 1]; // h[k] = h[-k]
    double sum = 0;
    for (int k = 0; k <= half; k++) {
      double x = (double) k / factor;
      double sinc = k == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
      double phase = Math.PI * k / half;
      double blackman = 0.42 + 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
      h[k] = sinc * blackman;
      sum += k == 0 ? h[k] : 2 * h[k];
    }
    centreTap = (float) (h[0] / sum); // unit gain at DC
    int[] o = new int[half];
    float[] w = new float[half];
    int n = 0;
    for (int k = 1; k <= half; k++) {
      double v = h[k] / sum;
      // The sinc's zeros at multiples of the factor are exact in theory but not in floating point;
      // for halving they are every second tap (a half-band filter).
      if (Math.abs(v) > 1e-9) {
        o[n] = k;
        w[n] = (float) v;
        n++;
      }
    }
    offsets = Arrays.copyOf(o, n);
    taps = Arrays.copyOf(w, n);
    reach = n == 0 ? 0 : offsets[n - 1];
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
    float c = centreTap;
    // Outputs whose taps all fall inside the input: [interiorStart, interiorEnd).
    int interiorStart = Math.min(outLength, (reach + factor - 1) / factor);
    int interiorEnd = Math.max(interiorStart, Math.min(outLength, (n - reach + factor - 1) / factor));
    for (int m = 0; m < interiorStart; m++) {
      output[m] = atEdge(input, m * factor);
    }
    int m = interiorStart;
    // Four outputs at a time: each is still summed in the same order as one at a time (the same
    // floats), but the four chains of dependent additions overlap instead of waiting on each other.
    for (; m + 3 < interiorEnd; m += 4) {
      int c0 = m * factor;
      int c1 = c0 + factor;
      int c2 = c1 + factor;
      int c3 = c2 + factor;
      float s0 = c * input[c0];
      float s1 = c * input[c1];
      float s2 = c * input[c2];
      float s3 = c * input[c3];
      for (int i = 0; i < o.length; i++) {
        int k = o[i];
        float wi = w[i];
        s0 += wi * (input[c0 - k] + input[c0 + k]);
        s1 += wi * (input[c1 - k] + input[c1 + k]);
        s2 += wi * (input[c2 - k] + input[c2 + k]);
        s3 += wi * (input[c3 - k] + input[c3 + k]);
      }
      output[m] = s0;
      output[m + 1] = s1;
      output[m + 2] = s2;
      output[m + 3] = s3;
    }
    for (; m < interiorEnd; m++) {
      int centre = m * factor;
      float sum = c * input[centre];
      for (int i = 0; i < o.length; i++) {
        int k = o[i];
        sum += w[i] * (input[centre - k] + input[centre + k]);
      }
      output[m] = sum;
    }
    for (; m < outLength; m++) {
      output[m] = atEdge(input, m * factor);
    }
  }

  /** One output near either end of the input, where missing neighbours count as zero. */
  private float atEdge(float[] input, int centre) {
    int n = input.length;
    float sum = centreTap * input[centre];
    for (int i = 0; i < offsets.length; i++) {
      int k = offsets[i];
      float pair = (centre - k >= 0 ? input[centre - k] : 0f)
          + (centre + k < n ? input[centre + k] : 0f);
      sum += taps[i] * pair;
    }
    return sum;
  }
}
