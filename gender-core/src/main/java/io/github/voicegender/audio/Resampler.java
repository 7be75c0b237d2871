package io.github.voicegender.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited sample-rate converter: a Kaiser-windowed sinc low-pass, evaluated polyphase.
 *
 * <p>The ratio is reduced to {@code up/down} (44100 to 16000 is 160/441) and the filter is
 * tabulated once per phase, so converting costs one dot product per output sample and no
 * trigonometry. {@link #of} puts the cut-off just below the lower of the two Nyquist
 * frequencies: the pass band is flat (ripple under 0.01 dB) to 85% of it, and everything at or
 * above it is attenuated by at least 70 dB, so nothing aliases. Ratios with more than 1024 phases
 * (unusual rates such as 44056 Hz) round each output instant to 1/1024 of an input sample.
 *
 * <p>Instances are immutable and thread-safe; {@link #of} caches the few in use.
 */
public final class Resampler {

  private static final double STOPBAND_ATTENUATION_DB = 70;
  /** Pass-band edge as a fraction of the lower Nyquist frequency; the stop band starts at it. */
  private static final double PASS_EDGE = 0.85;
  private static final int MAX_PHASES = 1024;
  private static final int MAX_CACHED = 16;
  private static final Map<String, Resampler> CACHE = new ConcurrentHashMap<>();

  private final int fromRate;
  private final int toRate;
  private final int up;
  private final int down;
  private final int phases;
  private final int taps;
  /** {@code phases} rows of {@code taps} coefficients; row r is the kernel at offset r/phases. */
  private final float[] table;

  private Resampler(int fromRate, int toRate) {
    this.fromRate = fromRate;
    this.toRate = toRate;
    int gcd = gcd(fromRate, toRate);
    this.up = toRate / gcd;
    this.down = fromRate / gcd;
    this.phases = Math.min(up, MAX_PHASES);

    double lowerNyquist = Math.min(fromRate, toRate) / 2.0;
    // in cycles per input sample
    double transition = (1.0 - PASS_EDGE) * lowerNyquist / fromRate;
    double cutoff = (1.0 + PASS_EDGE) / 2 * lowerNyquist / fromRate;
    // Kaiser's estimates of the length and shape that meet the attenuation over that band.
    int length = (int) Math.ceil((STOPBAND_ATTENUATION_DB - 8) / (2.285 * 2 * Math.PI * transition));
    int half = Math.max(1, (length + 1) / 2);
    this.taps = 2 * half;
    double beta = 0.1102 * (STOPBAND_ATTENUATION_DB - 8.7);
    this.table = tabulate(phases, half, cutoff, beta);
  }

  /**
   * A resampler from {@code fromRate} to {@code toRate} Hz, shared with other callers.
   *
   * @throws IllegalArgumentException for rates outside 1 kHz to 1 MHz
   */
  public static Resampler of(int fromRate, int toRate) {
    checkRate(fromRate);
    checkRate(toRate);
    String key = fromRate + ">" + toRate;
    Resampler cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    if (CACHE.size() >= MAX_CACHED) {
      CACHE.clear(); // rates come from files; don't let odd ones pile up
    }
    return CACHE.computeIfAbsent(key, k -> new Resampler(fromRate, toRate));
  }

  /**
   * {@code clip} at {@code targetSampleRate}; the clip itself when it already has that rate.
   *
   * @throws IllegalArgumentException for rates outside 1 kHz to 1 MHz
   */
  public static AudioClip resample(AudioClip clip, int targetSampleRate) {
    if (clip.sampleRate() == targetSampleRate) {
      return clip;
    }
    return new AudioClip(
        of(clip.sampleRate(), targetSampleRate).resample(clip.samples()), targetSampleRate);
  }

  /** Sample rate of the input, Hz. */
  public int fromRate() {
    return fromRate;
  }

  /** Sample rate of the output, Hz. */
  public int toRate() {
    return toRate;
  }

  /**
   * Converts a signal sampled at {@link #fromRate()}; the result spans the same time, with
   * samples outside the input taken as silence. Values are clamped to [-1, 1] since the filter
   * can ring slightly past a full-scale input.
   */
  public float[] resample(float[] input) {
    long outputLength = ((long) input.length * up + down - 1) / down;
    if (outputLength > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("resampled signal too long: " + outputLength);
    }
    float[] output = new float[(int) outputLength];
    int half = taps / 2;
    int wholeStep = down / up;
    int phaseStep = down % up;
    long position = 0; // floor(n * down / up): the input sample at or before output n
    int phase = 0; // (n * down) mod up
    for (int n = 0; n < output.length; n++) {
      int row = phases == up ? phase : (int) ((long) phase * phases / up);
      output[n] = clamp(dot(input, position - half + 1, row * taps));
      position += wholeStep;
      phase += phaseStep;
      if (phase >= up) {
        phase -= up;
        position++;
      }
    }
    return output;
  }

  private float dot(float[] input, long start, int rowStart) {
    float[] kernel = table;
    if (start >= 0 && start + taps <= input.length) {
      int s = (int) start;
      // Four independent sums let the CPU overlap the multiply-adds.
      float a = 0;
      float b = 0;
      float c = 0;
      float d = 0;
      int k = 0;
      for (; k + 3 < taps; k += 4) {
        a += input[s + k] * kernel[rowStart + k];
        b += input[s + k + 1] * kernel[rowStart + k + 1];
        c += input[s + k + 2] * kernel[rowStart + k + 2];
        d += input[s + k + 3] * kernel[rowStart + k + 3];
      }
      for (; k < taps; k++) {
        a += input[s + k] * kernel[rowStart + k];
      }
      return (a + b) + (c + d);
    }
    float sum = 0;
    int first = (int) Math.max(0, -start);
    int last = (int) Math.min(taps, input.length - start);
    for (int k = first; k < last; k++) {
      sum += input[(int) (start + k)] * kernel[rowStart + k];
    }
    return sum;
  }

  private static float[] tabulate(int phases, int half, double cutoff, double beta) {
    int taps = 2 * half;
    float[] table = new float[phases * taps];
    double i0Beta = besselI0(beta);
    for (int row = 0; row < phases; row++) {
      double offset = row / (double) phases;
      double[] kernel = new double[taps];
      double sum = 0;
      for (int k = 0; k < taps; k++) {
        // Tap k multiplies input (position - half + 1 + k), which lies this far before the output.
        double t = offset + half - 1 - k;
        double x = t / half;
        double window = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
        kernel[k] = 2 * cutoff * sinc(2 * cutoff * t) * window;
        sum += kernel[k];
      }
      for (int k = 0; k < taps; k++) {
        // Unit gain at DC in every phase, or the phases would modulate a constant signal.
        table[row * taps + k] = (float) (kernel[k] / sum);
      }
    }
    return table;
  }

  private static double sinc(double x) {
    return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  }

  /** Modified Bessel function of the first kind, order 0, by its power series. */
  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double quarterSquare = x * x / 4;
    for (int k = 1; term > 1e-12 * sum; k++) {
      term *= quarterSquare / ((double) k * k);
      sum += term;
    }
    return sum;
  }

  private static float clamp(float v) {
    return Math.max(-1f, Math.min(1f, v));
  }

  private static void checkRate(int rate) {
    if (rate < DecodeLimits.MIN_SAMPLE_RATE || rate > DecodeLimits.MAX_SAMPLE_RATE) {
      throw new IllegalArgumentException(
          "sample rate " + rate + " Hz outside " + DecodeLimits.MIN_SAMPLE_RATE + " to "
              + DecodeLimits.MAX_SAMPLE_RATE);
    }
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
