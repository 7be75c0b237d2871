package io.github.voicegender.features;

import be.tarsos.dsp.pitch.McLeodPitchMethod;
import be.tarsos.dsp.pitch.PitchDetectionResult;
import be.tarsos.dsp.pitch.PitchDetector;

/**
 * Fundamental frequency per frame: YIN with an FFT-based difference function ({@link
 * YinDetector}, our corrected and leaner take on TarsosDSP's {@code FastYin}, which rejects
 * strongly periodic frames because of an off-by-one) for {@code pitchAlgorithm = YIN}, TarsosDSP's
 * {@link McLeodPitchMethod} for {@code MPM}.
 *
 * <p>The signal is first decimated from {@code sampleRate} to {@code pitchSampleRate} (8 kHz by
 * default) with an anti-aliasing filter: voices stay far below 4 kHz, and the detectors' cost grows
 * with the window length in samples. Frame {@code t} is the decimated samples {@code [t *
 * pitchHopLength, t * pitchHopLength + pitchFrameLength)} (no centre padding; {@link #frameCount}
 * frames, none for input shorter than one window). With the defaults that is a 64 ms window every
 * 20 ms, long enough to hold two periods of 60 Hz.
 *
 * <p><b>Unvoiced frames are reported as 0 Hz</b> (not NaN, so that arrays can be summed and sorted
 * without special cases; filter with {@code f > 0}). A frame counts as unvoiced when
 *
 * <ul>
 *   <li>the detector finds no pitch,
 *   <li>its confidence is low: YIN's probability ({@code 1 - d'(tau)}) or MPM's clarity (the peak of
 *       the normalised square difference) is below {@code 1 - pitchThreshold} (0.8 by default; for
 *       YIN this is the same as its own threshold on {@code d'}),
 *   <li>the pitch lies outside {@code [pitchMinHz, pitchMaxHz]}, or
 *   <li>the frame is a pause: its mean square is more than {@code activeFrameTopDb} below the
 *       loudest frame's (or below 1e-10, -100 dBFS, where the detectors divide zero by zero); the
 *       detector does not even run there.
 * </ul>
 *
 * <p>Note that TarsosDSP's MPM ignores pitches below 80 Hz whatever {@code pitchMinHz} says, and
 * computes its normalised square difference in the time domain (O(window²), several times slower
 * than FastYin); YIN is the default for both reasons.
 *
 * <p><b>Thread safety:</b> not thread-safe (the detectors and buffers are reused); one instance per
 * thread.
 */
public final class PitchTracker {

  /** Value reported for unvoiced frames. */
  public static final float UNVOICED = 0f;

  private static final double SILENCE_MEAN_SQUARE = 1e-10;

  private final int pitchSampleRate;
  private final int frameLength;
  private final int hopLength;
  private final double minHz;
  private final double maxHz;
  private final double minProbability;
  /** Mean-square ratio to the loudest frame below which a frame is a pause (activeFrameTopDb). */
  private final double activeFloor;
  private final Decimator decimator;
  private final PitchDetector detector;
  private final float[] frame;
  private float[] decimated = new float[0];

  public PitchTracker(FeatureConfig config) {
    this.pitchSampleRate = config.pitchSampleRate();
    this.frameLength = config.pitchFrameLength();
    this.hopLength = config.pitchHopLength();
    this.minHz = config.pitchMinHz();
    this.maxHz = config.pitchMaxHz();
    this.minProbability = 1.0 - config.pitchThreshold();
    this.activeFloor = Math.pow(10, -config.activeFrameTopDb() / 10);
    this.decimator = new Decimator(config.sampleRate() / config.pitchSampleRate());
    this.detector = switch (config.pitchAlgorithm()) {
      case "YIN" -> new YinDetector(pitchSampleRate, frameLength, minHz, config.pitchThreshold());
      case "MPM" -> new McLeodPitchMethod(pitchSampleRate, frameLength);
      default -> throw new IllegalArgumentException(
          "Unknown pitch algorithm " + config.pitchAlgorithm() + " (expected YIN or MPM)");
    };
    this.frame = new float[frameLength];
  }

  /** Number of pitch frames for {@code samples} decimated samples (at pitchSampleRate). */
  public static int frameCount(int samples, int frameLength, int hopLength) {
    return samples < frameLength ? 0 : 1 + (samples - frameLength) / hopLength;
  }

  /** Number of pitch frames this tracker produces for {@code samples} input samples (at sampleRate). */
  public int frameCountForInput(int samples) {
    return frameCount(decimator.outputLength(samples), frameLength, hopLength);
  }

  /** Time in seconds of the centre of pitch frame {@code t}. */
  public double frameCentreSeconds(int t) {
    return (t * (double) hopLength + frameLength / 2.0) / pitchSampleRate;
  }

  /**
   * Pitch per frame.
   *
   * @param signal mono samples at the configuration's sampleRate
   * @return pitch in Hz per frame, {@link #UNVOICED} (0) where unvoiced
   */
  public float[] track(float[] signal) {
    int length = decimator.outputLength(signal.length);
    if (decimated.length < length) {
      decimated = new float[length];
    }
    decimator.decimate(signal, decimated);
    int frames = frameCount(length, frameLength, hopLength);
    float[] pitch = new float[frames];
    double[] meanSquare = new double[frames];
    double loudest = 0;
    for (int t = 0; t < frames; t++) {
      meanSquare[t] = YinDetector.sumOfSquares(decimated, t * hopLength, t * hopLength + frameLength) / frameLength;
      loudest = Math.max(loudest, meanSquare[t]);
    }
    // Frames far below the loudest are pauses: the detector would only find noise there, and
    // skipping them saves a good part of the pitch stage's time.
    double quiet = Math.max(SILENCE_MEAN_SQUARE, loudest * activeFloor);
    for (int t = 0; t < frames; t++) {
      pitch[t] = meanSquare[t] < quiet ? UNVOICED : pitchOfFrame(decimated, t * hopLength);
    }
    return pitch;
  }

  private float pitchOfFrame(float[] samples, int offset) {
    // The detectors read a whole array, so the window is copied out (no allocation: reused).
    System.arraycopy(samples, offset, frame, 0, frameLength);
    PitchDetectionResult result = detector.getPitch(frame);
    float hz = result.getPitch();
    if (!result.isPitched() || !(hz >= minHz && hz <= maxHz)
        || !(result.getProbability() >= minProbability)) {
      return UNVOICED;
    }
    return hz;
  }
}
