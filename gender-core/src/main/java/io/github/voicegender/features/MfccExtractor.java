package io.github.voicegender.features;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * Mel-frequency cepstral coefficients of a mono signal, computed the way
 * {@code torchaudio.transforms.MFCC(log_mels=True, norm="ortho", dct_type=2)} computes them with a
 * periodic Hamming window, power 2 and no centre padding (see the reference test for the proof).
 *
 * <p>Pipeline per frame:
 *
 * <ol>
 *   <li><b>Framing.</b> Frame {@code t} is the samples {@code [t * hopLength, t * hopLength +
 *       frameLength)}; no centre padding, so there are {@link #frameCount frameCount(n)} {@code =
 *       1 + (n - frameLength) / hopLength} frames and none at all for input shorter than one frame
 *       (the result is then empty, not an error). Trailing samples that do not fill a frame are
 *       ignored.
 *   <li><b>Window.</b> Periodic Hamming {@code 0.54 - 0.46 cos(2 pi i / frameLength)}, which is
 *       torch's default {@code hamming_window} and keeps the spectral leakage of a 25 ms frame low
 *       enough for 40 mel bands. The windowed frame is zero-padded to {@code fftSize} at the end
 *       (where the padding goes does not change the power spectrum).
 *   <li><b>Power spectrum</b> {@code |X_k|^2} for bins {@code 0..fftSize/2}, unnormalised, from
 *       TarsosDSP's {@link FloatFFT} (a JTransforms port) real transform.
 *   <li><b>Mel energies</b> with the sparse {@link MelFilterBank}.
 *   <li><b>Log</b>: natural log of {@code energy + 1e-6}, torchaudio's offset for {@code
 *       log_mels=True}; the offset keeps digital silence finite (about -13.8) instead of -inf.
 *   <li><b>DCT-II, orthonormal</b>, first {@code mfccCount} coefficients c0..c(mfccCount-1), from a
 *       precomputed table.
 * </ol>
 *
 * <p><b>Thread safety:</b> an instance reuses its FFT and scratch buffers, so it is <em>not</em>
 * thread-safe; use one instance per thread (construction is cheap: a few kilobytes of tables). It
 * allocates nothing per frame apart from the output row.
 */
public final class MfccExtractor {

  /** Offset added to mel energies before the log, as torchaudio's {@code MFCC(log_mels=True)}. */
  public static final double LOG_OFFSET = 1e-6;

  /** Floor of {@link MfccFrames#energyDb()} (mean square 1e-10), reached by digital silence. */
  public static final float ENERGY_FLOOR_DB = -100f;

  private static final double ENERGY_FLOOR = 1e-10;

  private final int frameLength;
  private final int hopLength;
  private final int fftSize;
  private final int mfccCount;
  private final MelFilterBank filterBank;
  private final FloatFFT fft;
  private final float[] window;
  private final double windowMeanSquare;
  /** DCT-II ortho table transposed, row-major {@code [melBands][mfccCount]}. */
  private final float[] dctByBand;
  private final float[] cepstrum;
  private final float[] fftBuffer;
  private final float[] power;
  private final float[] mel;

  public MfccExtractor(FeatureConfig config) {
    this(config, MelFilterBank.of(config));
  }

  /** Shares an existing (immutable) filter bank, which must match the configuration. */
  public MfccExtractor(FeatureConfig config, MelFilterBank filterBank) {
    if (filterBank.fftSize() != config.fftSize() || filterBank.bands() != config.melBands()
        || filterBank.sampleRate() != config.sampleRate()) {
      throw new IllegalArgumentException("filter bank does not match the feature configuration");
    }
    this.frameLength = config.frameLength();
    this.hopLength = config.hopLength();
    this.fftSize = config.fftSize();
    this.mfccCount = config.mfccCount();
    this.filterBank = filterBank;
    this.fft = new FloatFFT(fftSize);
    this.window = periodicHamming(frameLength);
    double sumSquares = 0;
    for (float w : window) {
      sumSquares += (double) w * w;
    }
    this.windowMeanSquare = sumSquares / frameLength;
    this.dctByBand = transpose(dctOrthoTable(mfccCount, config.melBands()), mfccCount,
        config.melBands());
    this.cepstrum = new float[mfccCount];
    this.fftBuffer = new float[fftSize];
    this.power = new float[fftSize / 2 + 1];
    this.mel = new float[config.melBands()];
  }

  /** Number of frames for {@code samples} input samples: {@code 1 + (samples - frameLength) / hop}, or 0. */
  public static int frameCount(int samples, int frameLength, int hopLength) {
    return samples < frameLength ? 0 : 1 + (samples - frameLength) / hopLength;
  }

  /** Number of frames this extractor produces for {@code samples} input samples. */
  public int frameCount(int samples) {
    return frameCount(samples, frameLength, hopLength);
  }

  public MelFilterBank filterBank() {
    return filterBank;
  }

  /**
   * MFCC and frame levels of a whole signal.
   *
   * @param signal mono samples at the configuration's sample rate, nominally in [-1, 1]
   */
  public MfccFrames extract(float[] signal) {
    int frames = frameCount(signal.length);
    float[][] coefficients = new float[frames][];
    float[] energyDb = new float[frames];
    for (int t = 0; t < frames; t++) {
      float[] row = new float[mfccCount];
      energyDb[t] = extractFrame(signal, t * hopLength, row);
      coefficients[t] = row;
    }
    return new MfccFrames(coefficients, energyDb);
  }

  /**
   * MFCC of the single frame starting at {@code offset}, for callers that stream.
   *
   * @param out receives {@code mfccCount} coefficients
   * @return the frame's level in dB, as in {@link MfccFrames#energyDb()}
   */
  public float extractFrame(float[] signal, int offset, float[] out) {
    if (offset < 0 || offset + frameLength > signal.length) {
      throw new IndexOutOfBoundsException("frame at " + offset + " does not fit in " + signal.length);
    }
    float[] buf = fftBuffer;
    for (int i = 0; i < frameLength; i++) {
      buf[i] = signal[offset + i] * window[i];
    }
    // Zero-padding to fftSize; the FFT works in place, so it must be cleared every frame.
    for (int i = frameLength; i < fftSize; i++) {
      buf[i] = 0f;
    }
    fft.realForward(buf);
    // JTransforms packing for even n: buf[0] = Re X0, buf[1] = Re X(n/2), then (Re, Im) pairs.
    int half = fftSize / 2;
    power[0] = buf[0] * buf[0];
    power[half] = buf[1] * buf[1];
    float sumPower = 0f;
    for (int k = 1; k < half; k++) {
      float re = buf[2 * k];
      float im = buf[2 * k + 1];
      float p = re * re + im * im;
      power[k] = p;
      sumPower += p;
    }
    // Parseval: the windowed frame's sum of squares, without another pass over the samples.
    double sumSquares = (power[0] + power[half] + 2.0 * sumPower) / fftSize;

    filterBank.apply(power, mel);
    int bands = mel.length;
    for (int b = 0; b < bands; b++) {
      mel[b] = (float) Math.log(mel[b] + LOG_OFFSET);
    }
    // DCT as a sum of table rows scaled by each log-mel value: the inner loop runs over
    // independent coefficients, which the JIT vectorises, instead of one long dependent sum each.
    float[] acc = cepstrum;
    java.util.Arrays.fill(acc, 0f);
    for (int b = 0, row = 0; b < bands; b++, row += mfccCount) {
      float m = mel[b];
      for (int c = 0; c < mfccCount; c++) {
        acc[c] += dctByBand[row + c] * m;
      }
    }
    System.arraycopy(acc, 0, out, 0, mfccCount);
    double meanSquare = sumSquares / frameLength / windowMeanSquare;
    return (float) (10.0 * Math.log10(Math.max(meanSquare, ENERGY_FLOOR)));
  }

  private static float[] transpose(float[] matrix, int rows, int columns) {
    float[] t = new float[matrix.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        t[c * rows + r] = matrix[r * columns + c];
      }
    }
    return t;
  }

  /** Periodic Hamming window, {@code 0.54 - 0.46 cos(2 pi i / n)}, like torch.hamming_window(n). */
  static float[] periodicHamming(int n) {
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) (0.54 - 0.46 * Math.cos(2.0 * Math.PI * i / n));
    }
    return w;
  }

  /**
   * Orthonormal DCT-II rows: {@code c_k = s_k * sum_b x_b cos(pi / B * (b + 0.5) * k)} with {@code
   * s_0 = sqrt(1/B)}, {@code s_k = sqrt(2/B)}; the same table as torchaudio's create_dct(norm="ortho")
   * and scipy's dct(type=2, norm="ortho").
   */
  static float[] dctOrthoTable(int count, int bands) {
    float[] table = new float[count * bands];
    for (int k = 0; k < count; k++) {
      double scale = k == 0 ? Math.sqrt(1.0 / bands) : Math.sqrt(2.0 / bands);
      for (int b = 0; b < bands; b++) {
        table[k * bands + b] = (float) (scale * Math.cos(Math.PI / bands * (b + 0.5) * k));
      }
    }
    return table;
  }
}
