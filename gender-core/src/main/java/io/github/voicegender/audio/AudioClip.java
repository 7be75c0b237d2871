package io.github.voicegender.audio;

/**
 * Mono audio as floats in [-1, 1] at a known sample rate.
 *
 * @param samples the signal; owned by the clip, not copied
 * @param sampleRate samples per second
 */
public record AudioClip(float[] samples, int sampleRate) {

  public double durationSeconds() {
    return samples.length / (double) sampleRate;
  }
}
