package io.github.voicegender.features;

import be.tarsos.dsp.pitch.PitchDetectionResult;
import be.tarsos.dsp.pitch.PitchDetector;
import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * YIN (de Cheveigné and Kawahara, 2002) with the difference function computed through TarsosDSP's
 * real FFT, in place of TarsosDSP 2.4's {@code FastYin}.
 *
 * <p>Why not {@code FastYin} itself: its running power term is off by one sample ({@code
 * powerTerms[tau]} adds {@code x[tau + W]} instead of {@code x[tau + W - 1]}), so on strongly
 * periodic frames the difference function dips slightly below zero, the "probability" {@code 1 -
 * d'(tau)} exceeds 1 and FastYin rejects the frame as unpitched; a clean 100 Hz harmonic complex
 * at 8 kHz came out 98 % unvoiced. It also allocates per frame and runs three complex FFTs where
 * three real ones suffice. The algorithm here is the same as FastYin's otherwise: integration
 * window {@code W = frameLength / 2}, cumulative mean normalised difference {@code d'}, the first
 * lag from 2 up where {@code d' < threshold} followed down to its local minimum, parabolic
 * interpolation, probability {@code 1 - d'}.
 *
 * <p>Lags are only computed up to {@code ceil(sampleRate / minHz) + 1}; longer periods would be
 * rejected anyway. The search still starts at lag 2, not at the lag of {@code maxHz}, so a pitch
 * above {@code maxHz} is found (and then rejected by the caller) rather than mistaken for its
 * sub-octave.
 *
 * <p>Not thread-safe: reuses its buffers, allocates nothing per frame.
 */
final class YinDetector implements PitchDetector {

  private final float sampleRate;
  private final int frameLength;
  private final int window;
  private final int maxLag;
  private final double threshold;
  private final FloatFFT fft;
  private final float[] spectrum;
  private final float[] kernel;
  private final float[] difference;
  /** {@code cumulative[tau] = sum_{1..tau} d}: d' is computed only where it is looked at. */
  private final double[] cumulative;
  private final PitchDetectionResult result = new PitchDetectionResult();

  /**
   * @param sampleRate of the frames (Hz)
   * @param frameLength samples per frame, a power of two
   * @param minHz lowest pitch of interest; bounds the lags computed
   * @param threshold YIN's absolute threshold on {@code d'} (0.1 to 0.2 typical)
   */
  YinDetector(float sampleRate, int frameLength, double minHz, double threshold) {
    if (Integer.bitCount(frameLength) != 1 || frameLength < 8) {
      throw new IllegalArgumentException("YIN frame length must be a power of two >= 8");
    }
    this.sampleRate = sampleRate;
    this.frameLength = frameLength;
    this.window = frameLength / 2;
    this.maxLag = Math.min(window - 1, (int) Math.ceil(sampleRate / minHz) + 1);
    this.threshold = threshold;
    this.fft = new FloatFFT(frameLength);
    this.spectrum = new float[frameLength];
    this.kernel = new float[frameLength];
    this.difference = new float[maxLag + 1];
    this.cumulative = new double[maxLag + 1];
  }

  @Override
  public PitchDetectionResult getPitch(float[] frame) {
    differenceFunction(frame);
    int tau = absoluteThreshold();
    if (tau < 0) {
      result.setPitch(-1);
      result.setProbability(0);
      result.setPitched(false);
    } else {
      result.setPitch((float) (sampleRate / parabolicMinimum(tau)));
      result.setProbability((float) Math.min(1.0, Math.max(0.0, 1.0 - normalised(tau))));
      result.setPitched(true);
    }
    return result;
  }

  /**
   * {@code d(tau) = sum_{j<W} (x_j - x_{j+tau})^2 = E(0) + E(tau) - 2 r(tau)}, with {@code E(tau)}
   * the energy of {@code x[tau, tau+W)} and {@code r(tau) = sum_{j<W} x_j x_{j+tau}}. {@code r} is
   * a circular cross-correlation of the frame with its first W samples; for {@code tau <=
   * frameLength - W} nothing wraps around, so one FFT size of frameLength is enough.
   */
  private void differenceFunction(float[] x) {
    System.arraycopy(x, 0, spectrum, 0, frameLength);
    System.arraycopy(x, 0, kernel, 0, window);
    for (int i = window; i < frameLength; i++) {
      kernel[i] = 0f;
    }
    fft.realForward(spectrum);
    fft.realForward(kernel);
    // spectrum <- spectrum * conj(kernel); JTransforms packing: [0] = Re X0, [1] = Re X(n/2),
    // then (Re, Im) pairs.
    spectrum[0] *= kernel[0];
    spectrum[1] *= kernel[1];
    for (int k = 2; k < frameLength; k += 2) {
      float sr = spectrum[k];
      float si = spectrum[k + 1];
      float kr = kernel[k];
      float ki = kernel[k + 1];
      spectrum[k] = sr * kr + si * ki;
      spectrum[k + 1] = si * kr - sr * ki;
    }
    fft.realInverse(spectrum, true); // scaled: spectrum[tau] = r(tau)

    double energy0 = sumOfSquares(x, 0, window);
    double energyTau = energy0;
    double runningSum = 0;
    difference[0] = 0f;
    for (int tau = 1; tau <= maxLag; tau++) {
      // Slide the window [tau, tau + W): drop x[tau - 1], add x[tau + W - 1].
      double out = x[tau - 1];
      double in = x[tau + window - 1];
      energyTau += in * in - out * out;
      // Rounding can push an almost perfectly periodic frame's d slightly below zero.
      float d = (float) Math.max(0.0, energy0 + energyTau - 2.0 * spectrum[tau]);
      difference[tau] = d;
      runningSum += d;
      cumulative[tau] = runningSum;
    }
  }

  /**
   * Cumulative mean normalised difference {@code d'(tau) = d(tau) tau / sum_{1..tau} d}; 1 where the
   * sum is 0 (a frame of exact zeros, 0/0, counts as aperiodic).
   */
  private double normalised(int tau) {
    double sum = cumulative[tau];
    return sum > 0 ? difference[tau] * tau / sum : 1.0;
  }

  /**
   * First lag from 2 up with {@code d' < threshold}, followed down to the local minimum of d'; -1
   * if there is none. The comparison is made as {@code d tau < threshold * sum} so that the scan,
   * which usually runs over most lags, needs no division.
   */
  private int absoluteThreshold() {
    for (int tau = 2; tau <= maxLag; tau++) {
      if (difference[tau] * (double) tau < threshold * cumulative[tau]) {
        double current = normalised(tau);
        while (tau + 1 <= maxLag) {
          double next = normalised(tau + 1);
          if (!(next < current)) {
            break;
          }
          current = next;
          tau++;
        }
        return tau;
      }
    }
    return -1;
  }

  private double parabolicMinimum(int tau) {
    if (tau < 1 || tau >= maxLag) {
      return tau;
    }
    double s0 = normalised(tau - 1);
    double s1 = normalised(tau);
    double s2 = normalised(tau + 1);
    double denominator = 2.0 * (2.0 * s1 - s2 - s0);
    if (denominator == 0) {
      return tau;
    }
    double shift = (s2 - s0) / denominator;
    // The vertex of a parabola through a local minimum lies within half a sample of it.
    return tau + Math.max(-0.5, Math.min(0.5, shift));
  }

  /**
   * Sum of squares over {@code [from, to)} with four independent accumulators: one running sum is a
   * chain of dependent additions that costs its latency per sample; four chains overlap.
   */
  static double sumOfSquares(float[] x, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      float a = x[i];
      float b = x[i + 1];
      float c = x[i + 2];
      float d = x[i + 3];
      s0 += a * a;
      s1 += b * b;
      s2 += c * c;
      s3 += d * d;
    }
    for (; i < to; i++) {
      s0 += x[i] * x[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
