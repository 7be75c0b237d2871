package io.github.voicegender.features;

/**
 * Regression ("delta") coefficients over time, the standard HTK formula
 *
 * <pre>
 *   d_t = sum_{n=1..N} n (c_{t+n} - c_{t-n}) / (2 sum_{n=1..N} n^2)
 * </pre>
 *
 * <p>with edge replication: frames before the first and after the last are copies of the first and
 * last frame. This is exactly {@code torchaudio.functional.compute_deltas(x, win_length=2N+1,
 * mode="replicate")} (its denominator {@code N(N+1)(2N+1)/3} is the same {@code 2 sum n^2}), and
 * {@code librosa.feature.delta(x, width=2N+1, mode="nearest")}. Replication rather than zero padding
 * keeps the first and last deltas small instead of spiking against an invented silence.
 */
public final class Deltas {

  private Deltas() {}

  /**
   * @param frames {@code [T][D]}, one row per frame (all rows the same length)
   * @param width half-width N of the regression window (2N+1 frames), at least 1
   * @return a new {@code [T][D]} array of deltas; empty for empty input
   */
  public static float[][] compute(float[][] frames, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("delta width must be at least 1, got " + width);
    }
    int count = frames.length;
    float[][] deltas = new float[count][];
    if (count == 0) {
      return deltas;
    }
    int dims = frames[0].length;
    double denominator = 0;
    for (int n = 1; n <= width; n++) {
      denominator += 2.0 * n * n;
    }
    float scale = (float) (1.0 / denominator);
    for (int t = 0; t < count; t++) {
      float[] d = new float[dims];
      for (int n = 1; n <= width; n++) {
        float[] after = frames[Math.min(t + n, count - 1)];
        float[] before = frames[Math.max(t - n, 0)];
        for (int j = 0; j < dims; j++) {
          d[j] += n * (after[j] - before[j]);
        }
      }
      for (int j = 0; j < dims; j++) {
        d[j] *= scale;
      }
      deltas[t] = d;
    }
    return deltas;
  }
}
