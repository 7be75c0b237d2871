package io.github.voicegender.features;

import java.util.Arrays;

/**
 * Cuts leading and trailing silence the way {@code librosa.effects.trim} does: frame RMS (frames
 * centred on multiples of the hop), a threshold {@code topDb} below the loudest frame, and the
 * signal kept from the first to the last frame above it; then the edges are tightened to the first
 * and last sample above {@code topDb} below the peak sample. Both thresholds are relative to the
 * signal's own peak, so the result does not depend on the recording level.
 */
public final class SilenceTrimmer {

  private final double topDb;
  private final int frameLength;
  private final int hopLength;

  public SilenceTrimmer(double topDb, int frameLength, int hopLength) {
    this.topDb = topDb;
    this.frameLength = frameLength;
    this.hopLength = hopLength;
  }

  public static SilenceTrimmer of(FeatureConfig config) {
    return new SilenceTrimmer(config.trimTopDb(), config.trimFrameLength(), config.trimHopLength());
  }

  /**
   * The signal without the exact zeros at its ends (a copy, or the signal itself when there are
   * none). Digital silence that an editor or a recorder padded a clip with is not part of the
   * recording: taking it off before the DC offset is measured keeps the padding from shifting it.
   */
  public static float[] stripDigitalSilence(float[] samples) {
    int start = 0;
    int end = samples.length;
    while (start < end && samples[start] == 0f) {
      start++;
    }
    while (end > start && samples[end - 1] == 0f) {
      end--;
    }
    return start == 0 && end == samples.length ? samples : Arrays.copyOfRange(samples, start, end);
  }

  /** The trimmed signal (a copy); empty when no frame rises above the threshold. */
  public float[] trim(float[] samples) {
    int[] range = nonSilentRange(samples);
    return Arrays.copyOfRange(samples, range[0], range[1]);
  }

  private static float peakAmplitude(float[] samples, int from, int to) {
    float peak = 0;
    for (int i = from; i < to; i++) {
      peak = Math.max(peak, Math.abs(samples[i]));
    }
    return peak;
  }

  /** Start (inclusive) and end (exclusive) sample of the non-silent part; equal when all silent. */
  public int[] nonSilentRange(float[] samples) {
    int n = samples.length;
    if (n == 0) {
      return new int[] {0, 0};
    }
    // Prefix sums of squares make every frame's energy O(1), whatever the overlap.
    double[] energy = new double[n + 1];
    for (int i = 0; i < n; i++) {
      energy[i + 1] = energy[i] + (double) samples[i] * samples[i];
    }
    int frames = 1 + n / hopLength;
    double[] meanSquare = new double[frames];
    double loudest = 0;
    for (int f = 0; f < frames; f++) {
      int centre = f * hopLength;
      int from = Math.max(0, centre - frameLength / 2);
      int to = Math.min(n, centre + frameLength / 2);
      // Zero padding beyond the edges counts in the denominator, as in librosa's centred frames.
      meanSquare[f] = (energy[to] - energy[from]) / frameLength;
      loudest = Math.max(loudest, meanSquare[f]);
    }
    if (loudest <= 0) {
      return new int[] {0, 0};
    }
    double threshold = loudest * Math.pow(10, -topDb / 10);
    int first = -1;
    int last = -1;
    for (int f = 0; f < frames; f++) {
      if (meanSquare[f] > threshold) {
        if (first < 0) {
          first = f;
        }
        last = f;
      }
    }
    int start = Math.min(n, first * hopLength);
    int end = Math.min(n, (last + 1) * hopLength);
    // Frames reach half a frame past the sound: without this step up to ~50 ms of padding would
    // stay at each end, and frames half full of digital silence would skew the statistics.
    float floor = (float) (peakAmplitude(samples, start, end) * Math.pow(10, -topDb / 20));
    while (start < end && Math.abs(samples[start]) <= floor) {
      start++;
    }
    while (end > start && Math.abs(samples[end - 1]) <= floor) {
      end--;
    }
    return new int[] {start, end};
  }
}
