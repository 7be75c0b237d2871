package io.github.voicegender.features;

import java.util.Arrays;

/**
 * Triangular mel filters on the bins of a real FFT: HTK mel scale ({@code 2595 log10(1 + f/700)}),
 * {@code bands} filters whose edges are equally spaced in mel between {@code minHz} and
 * {@code maxHz}, unnormalised (each triangle peaks at 1 at its centre frequency, no area or Slaney
 * normalisation).
 *
 * <p>Built here rather than taken from TarsosDSP because TarsosDSP 2.4's MFCC rounds the centre
 * frequencies to whole bins with an off-by-one index, which turns its last band into a ramp over
 * the whole spectrum. The weights equal {@code torchaudio.functional.melscale_fbanks(n_freqs,
 * f_min, f_max, n_mels, sample_rate, norm=None, mel_scale="htk")}: FFT bin {@code k} sits at
 * {@code k * sampleRate / fftSize} Hz and its weight is the triangle evaluated there, so a narrow
 * band that falls between two bins can have a peak weight below 1 (or even be empty), exactly as in
 * torchaudio and librosa.
 *
 * <p>Each band touches only a few bins, so the weights are stored sparsely (first bin and the run
 * of weights from there); {@link #apply} costs about two multiply-adds per FFT bin instead of
 * {@code bands} per bin. Instances are immutable and thread-safe.
 */
public final class MelFilterBank {

  private final int sampleRate;
  private final int fftSize;
  private final double minHz;
  private final double maxHz;
  private final int[] startBin;
  private final float[][] weights;
  private final double[] centreHz;

  /**
   * @param sampleRate sampling rate of the audio (Hz)
   * @param fftSize FFT length; filters are defined on its {@code fftSize / 2 + 1} non-negative bins
   * @param bands number of triangular filters
   * @param minHz lower edge of the first filter (Hz)
   * @param maxHz upper edge of the last filter (Hz), at most {@code sampleRate / 2}
   */
  public MelFilterBank(int sampleRate, int fftSize, int bands, double minHz, double maxHz) {
    if (sampleRate <= 0 || fftSize < 2 || bands <= 0) {
      throw new IllegalArgumentException("sampleRate, fftSize and bands must be positive");
    }
    if (!(minHz >= 0 && minHz < maxHz && maxHz <= sampleRate / 2.0)) {
      throw new IllegalArgumentException(
          "mel range must satisfy 0 <= minHz < maxHz <= sampleRate/2, got " + minHz + ".." + maxHz);
    }
    this.sampleRate = sampleRate;
    this.fftSize = fftSize;
    this.minHz = minHz;
    this.maxHz = maxHz;
    int bins = fftSize / 2 + 1;

    // bands + 2 edge frequencies, equally spaced on the mel scale: band b rises from edge b to
    // its centre edge b+1 and falls to edge b+2.
    double melMin = hzToMel(minHz);
    double melMax = hzToMel(maxHz);
    double[] edges = new double[bands + 2];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = melToHz(melMin + (melMax - melMin) * i / (bands + 1));
    }
    // Exact outer edges: the mel round trip is off by ~1e-12 Hz, which would leave a weight of
    // ~1e-15 instead of 0 on a bin that sits exactly on an edge (e.g. Nyquist).
    edges[0] = minHz;
    edges[bands + 1] = maxHz;
    centreHz = Arrays.copyOfRange(edges, 1, bands + 1);

    startBin = new int[bands];
    weights = new float[bands][];
    double binHz = (double) sampleRate / fftSize;
    float[] dense = new float[bins];
    for (int b = 0; b < bands; b++) {
      double lower = edges[b];
      double centre = edges[b + 1];
      double upper = edges[b + 2];
      int first = -1;
      int last = -1;
      for (int k = 0; k < bins; k++) {
        double f = k * binHz;
        double rising = (f - lower) / (centre - lower);
        double falling = (upper - f) / (upper - centre);
        double w = Math.max(0.0, Math.min(rising, falling));
        dense[k] = (float) w;
        if (w > 0) {
          if (first < 0) {
            first = k;
          }
          last = k;
        }
      }
      if (first < 0) {
        // A band narrower than the bin spacing can miss every bin; keep it, empty, so that band
        // indices stay aligned with torchaudio / librosa (its energy is then 0).
        startBin[b] = 0;
        weights[b] = new float[0];
      } else {
        startBin[b] = first;
        weights[b] = Arrays.copyOfRange(dense, first, last + 1);
      }
    }
  }

  /** The filter bank for a feature configuration (sampleRate, fftSize, melBands, melMinHz, melMaxHz). */
  public static MelFilterBank of(FeatureConfig config) {
    return new MelFilterBank(config.sampleRate(), config.fftSize(), config.melBands(),
        config.melMinHz(), config.melMaxHz());
  }

  /** HTK mel scale: {@code 2595 log10(1 + hz / 700)}. */
  public static double hzToMel(double hz) {
    return 2595.0 * Math.log10(1.0 + hz / 700.0);
  }

  /** Inverse of {@link #hzToMel}. */
  public static double melToHz(double mel) {
    return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
  }

  public int bands() {
    return weights.length;
  }

  /** Number of FFT bins the filters are defined on: {@code fftSize / 2 + 1}. */
  public int bins() {
    return fftSize / 2 + 1;
  }

  public int sampleRate() {
    return sampleRate;
  }

  public int fftSize() {
    return fftSize;
  }

  public double minHz() {
    return minHz;
  }

  public double maxHz() {
    return maxHz;
  }

  /** Centre (peak) frequency of a band in Hz. */
  public double centreHz(int band) {
    return centreHz[band];
  }

  /** First FFT bin with a non-zero weight in {@code band} (0 for an empty band). */
  public int startBin(int band) {
    return startBin[band];
  }

  /** The non-zero run of weights of {@code band}, starting at {@link #startBin}; a copy. */
  public float[] weights(int band) {
    return weights[band].clone();
  }

  /** Weight of FFT bin {@code bin} in {@code band} (0 outside the band). */
  public float weight(int band, int bin) {
    int i = bin - startBin[band];
    return i >= 0 && i < weights[band].length ? weights[band][i] : 0f;
  }

  /** The dense matrix {@code [bins()][bands()]}, laid out like torchaudio's melscale_fbanks. */
  public float[][] toDenseMatrix() {
    float[][] m = new float[bins()][bands()];
    for (int b = 0; b < bands(); b++) {
      for (int i = 0; i < weights[b].length; i++) {
        m[startBin[b] + i][b] = weights[b][i];
      }
    }
    return m;
  }

  /**
   * Mel energies of one power spectrum: {@code mel[b] = sum_k weight(b, k) * power[k]}.
   *
   * @param power at least {@link #bins()} values (power of FFT bins 0..fftSize/2)
   * @param mel receives {@link #bands()} values
   */
  public void apply(float[] power, float[] mel) {
    for (int b = 0; b < weights.length; b++) {
      float[] w = weights[b];
      int offset = startBin[b];
      float sum = 0f;
      for (int i = 0; i < w.length; i++) {
        sum += w[i] * power[offset + i];
      }
      mel[b] = sum;
    }
  }
}
