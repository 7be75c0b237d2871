package io.github.voicegender.features;

/**
 * Removes a constant offset from a signal. A DC offset (common in cheap microphones and some sound
 * cards) adds energy to the lowest FFT bins and shifts the silence threshold, so it is removed
 * before anything is measured.
 */
public final class DcOffsetRemover {

  private DcOffsetRemover() {}

  /** Subtracts the signal's mean, in place. */
  public static void removeInPlace(float[] samples) {
    if (samples.length == 0) {
      return;
    }
    double sum = 0;
    for (float s : samples) {
      sum += s;
    }
    float mean = (float) (sum / samples.length);
    for (int i = 0; i < samples.length; i++) {
      samples[i] -= mean;
    }
  }
}
