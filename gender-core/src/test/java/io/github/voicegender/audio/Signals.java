package io.github.voicegender.audio;

/** Test signals and the measurements the tests assert on. */
final class Signals {

  private Signals() {}

  static float[] tone(double frequency, double amplitude, int sampleRate, int length) {
    float[] x = new float[length];
    for (int i = 0; i < length; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / sampleRate));
    }
    return x;
  }

  /** Linear chirp from {@code f0} to {@code f1} Hz over {@code seconds}. */
  static float[] chirp(double f0, double f1, double seconds, double amplitude, int sampleRate) {
    int length = (int) Math.round(seconds * sampleRate);
    float[] x = new float[length];
    double rate = (f1 - f0) / seconds;
    for (int i = 0; i < length; i++) {
      double t = i / (double) sampleRate;
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * (f0 * t + rate * t * t / 2)));
    }
    return x;
  }

  static double rms(float[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) x[i] * x[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  /** RMS of {@code a - b} over [from, to). */
  static double rmsDifference(float[] a, float[] b, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum / (to - from));
  }

  static double decibels(double ratio) {
    return 20 * Math.log10(ratio);
  }

  /** Amplitude of the {@code frequency} component, Hann-windowed Goertzel over [from, to). */
  static double amplitudeAt(float[] x, int from, int to, double frequency, int sampleRate) {
    int n = to - from;
    double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
    double s1 = 0;
    double s2 = 0;
    double windowSum = 0;
    for (int i = 0; i < n; i++) {
      double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
      windowSum += w;
      double s = x[from + i] * w + coefficient * s1 - s2;
      s2 = s1;
      s1 = s;
    }
    double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    return 2 * Math.sqrt(Math.max(0, power)) / windowSum;
  }

  /** The strongest frequency on a 1 Hz grid from 20 Hz to Nyquist. */
  static double dominantFrequency(float[] x, int from, int to, int sampleRate) {
    double best = 0;
    double bestAmplitude = -1;
    // Coarse 20 Hz scan, then refine around the peak: a full 1 Hz scan is needlessly slow.
    for (double f = 20; f < sampleRate / 2.0; f += 20) {
      double a = amplitudeAt(x, from, to, f, sampleRate);
      if (a > bestAmplitude) {
        bestAmplitude = a;
        best = f;
      }
    }
    double coarse = best;
    for (double f = coarse - 20; f <= coarse + 20; f += 1) {
      double a = amplitudeAt(x, from, to, f, sampleRate);
      if (a > bestAmplitude) {
        bestAmplitude = a;
        best = f;
      }
    }
    return best;
  }
}
