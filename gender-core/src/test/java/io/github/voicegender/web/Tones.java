package io.github.voicegender.web;

import io.github.voicegender.audio.AudioClip;

/** WAV bytes of tones the tests synthesise: a stand-in voice at a known pitch. */
final class Tones {

  static final int RATE = 16_000;

  private Tones() {}

  /** Tones one after another, each {@code seconds} long; a frequency of 0 is silence. */
  static byte[] wav(double seconds, double... hertz) {
    int each = (int) Math.round(seconds * RATE);
    float[] samples = new float[each * hertz.length];
    for (int t = 0; t < hertz.length; t++) {
      for (int i = 0; i < each; i++) {
        // A quarter-sample phase offset keeps zero crossings off exact sample boundaries.
        samples[t * each + i] = (float) (0.5 * Math.sin(2 * Math.PI * hertz[t] * (i + 0.25) / RATE));
      }
    }
    return WavEncoder.encode16BitMono(new AudioClip(samples, RATE));
  }
}
