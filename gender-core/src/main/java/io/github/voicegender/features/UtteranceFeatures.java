package io.github.voicegender.features;

import java.util.Arrays;
import java.util.List;

/**
 * Turns one utterance's signal into its fixed-length vector, laid out as {@link
 * FeatureConfig#featureNames()}: DC-offset removal, silence trimming, a fixed RMS level, MFCC
 * summarised by mean (from {@code firstCepstralMean} on) and standard deviation, and deltas by
 * standard deviation, over the active (non-pause) frames that are voiced (all active frames when
 * {@code cepstralVoicedOnly} is off, or when fewer than {@link #MIN_VOICED_FRAMES} are voiced), and
 * voiced pitch summarised by log2 percentiles, spread and voiced fraction.
 *
 * <p>Not thread-safe (the MFCC and pitch stages reuse buffers): one instance per thread.
 */
public final class UtteranceFeatures {

  /** The RMS level (-20 dBFS) every utterance is scaled to before analysis. */
  static final double NORMALISED_RMS = 0.1;

  /** Fewer voiced MFCC frames than this and the statistics fall back to every active frame. */
  static final int MIN_VOICED_FRAMES = 10;

  private final FeatureConfig config;
  private final SilenceTrimmer trimmer;
  private final MfccExtractor mfcc;
  private final PitchTracker pitch;
  private float[] lastPitchTrack = new float[0];

  public UtteranceFeatures(FeatureConfig config) {
    this.config = config;
    this.trimmer = SilenceTrimmer.of(config);
    this.mfcc = new MfccExtractor(config);
    this.pitch = new PitchTracker(config);
  }

  public FeatureConfig config() {
    return config;
  }

  /**
   * The pitch per frame (as {@link PitchTracker#track}) of the sound the last {@link #compute}
   * described, after trimming; empty before the first call or when it found no sound.
   */
  public float[] lastPitchTrack() {
    return lastPitchTrack;
  }

  /**
   * @param samples mono audio at {@code config.sampleRate()}; not modified
   * @throws NoSpeechException when nothing voiced remains to describe
   */
  public float[] compute(float[] samples) throws NoSpeechException {
    lastPitchTrack = new float[0];
    float[] signal = samples.clone();
    if (config.trimSilence()) {
      signal = SilenceTrimmer.stripDigitalSilence(signal);
    }
    if (config.removeDcOffset()) {
      DcOffsetRemover.removeInPlace(signal);
    }
    if (config.trimSilence()) {
      signal = trimmer.trim(signal);
      if (signal.length == 0) {
        throw new NoSpeechException("no sound above the silence threshold (a silent recording)");
      }
    }
    if (signal.length < config.pitchFrameLength() * (config.sampleRate() / config.pitchSampleRate())
        || signal.length < config.frameLength()) {
      throw new NoSpeechException(String.format("too short to describe a voice (%.0f ms of sound)",
          1000.0 * signal.length / config.sampleRate()));
    }
    if (config.removeDcOffset()) {
      // Again on what trimming kept: padding or silence around the sound shifted the first mean.
      DcOffsetRemover.removeInPlace(signal);
    }
    normaliseLevel(signal);

    float[] vector = new float[config.vectorLength()];
    float[] track = pitch.track(signal);
    lastPitchTrack = track;
    int at = cepstralStatistics(signal, track, vector);
    pitchStatistics(track, vector, at);
    return vector;
  }

  /**
   * Scales the sound to a fixed RMS level, in place. Without c0 the features hardly depend on the
   * level anyway, but the log's small absolute floor and the detectors' silence guards do: a fixed
   * level makes a quiet and a loud recording of the same voice give the same vector.
   */
  private static void normaliseLevel(float[] signal) {
    double sumSquares = 0;
    for (float s : signal) {
      sumSquares += (double) s * s;
    }
    double rms = Math.sqrt(sumSquares / signal.length);
    if (rms > 0) {
      float gain = (float) (NORMALISED_RMS / rms);
      for (int i = 0; i < signal.length; i++) {
        signal[i] *= gain;
      }
    }
  }

  /**
   * Writes MFCC means (from {@link FeatureConfig#firstMean()}), MFCC stds and delta stds; returns
   * the next free index.
   */
  private int cepstralStatistics(float[] signal, float[] track, float[] vector) {
    MfccFrames frames = mfcc.extract(signal);
    // Deltas over every frame keep the time axis continuous; only the statistics skip pauses (and
    // unvoiced frames).
    float[][] deltas = Deltas.compute(frames.coefficients(), config.deltaWidth());
    boolean[] active = activeFrames(frames.energyDb());
    if (config.cepstralVoicedOnly()) {
      active = voicedOnly(active, track);
    }
    int means = config.meanCount();
    int count = config.cepstralCount();
    int at = means;
    for (int c = config.firstCepstral(); c < config.mfccCount(); c++, at++) {
      double[] meanStd = meanAndStd(frames.coefficients(), c, active);
      if (c >= config.firstMean()) {
        vector[c - config.firstMean()] = (float) meanStd[0];
      }
      vector[at] = (float) meanStd[1];
      vector[at + count] = (float) meanAndStd(deltas, c, active)[1];
    }
    return means + 2 * count;
  }

  private boolean[] activeFrames(float[] energyDb) {
    float loudest = Float.NEGATIVE_INFINITY;
    for (float e : energyDb) {
      loudest = Math.max(loudest, e);
    }
    boolean[] active = new boolean[energyDb.length];
    for (int i = 0; i < energyDb.length; i++) {
      active[i] = energyDb[i] >= loudest - config.activeFrameTopDb();
    }
    return active;
  }

  /**
   * The active MFCC frames whose nearest pitch frame (by centre time) is voiced; the active frames
   * unchanged when fewer than {@link #MIN_VOICED_FRAMES} are.
   */
  private boolean[] voicedOnly(boolean[] active, float[] track) {
    boolean[] voiced = new boolean[active.length];
    int count = 0;
    double pitchRate = config.pitchSampleRate();
    for (int t = 0; t < active.length; t++) {
      double centre = (t * (double) config.hopLength() + config.frameLength() / 2.0) / config.sampleRate();
      long k = Math.round((centre * pitchRate - config.pitchFrameLength() / 2.0) / config.pitchHopLength());
      int nearest = (int) Math.max(0, Math.min(track.length - 1, k));
      voiced[t] = active[t] && track.length > 0 && track[nearest] != PitchTracker.UNVOICED;
      count += voiced[t] ? 1 : 0;
    }
    return count >= MIN_VOICED_FRAMES ? voiced : active;
  }

  private static double[] meanAndStd(float[][] frames, int column, boolean[] active) {
    double sum = 0;
    double sumSquares = 0;
    int n = 0;
    for (int i = 0; i < frames.length; i++) {
      if (active[i]) {
        double v = frames[i][column];
        sum += v;
        sumSquares += v * v;
        n++;
      }
    }
    double mean = sum / n;
    return new double[] {mean, Math.sqrt(Math.max(0, sumSquares / n - mean * mean))};
  }

  private void pitchStatistics(float[] track, float[] vector, int at) throws NoSpeechException {
    double[] logPitch = new double[track.length];
    int voiced = 0;
    for (float hz : track) {
      if (hz != PitchTracker.UNVOICED) {
        logPitch[voiced++] = Math.log(hz) / Math.log(2);
      }
    }
    if (voiced == 0) {
      throw new NoSpeechException("no voiced speech found (no frame with a pitch between "
          + config.pitchMinHz() + " and " + config.pitchMaxHz() + " Hz)");
    }
    double[] sorted = Arrays.copyOf(logPitch, voiced);
    Arrays.sort(sorted);
    List<Double> percentiles = config.pitchPercentiles();
    for (int i = 0; i < percentiles.size(); i++) {
      vector[at + i] = (float) percentile(sorted, percentiles.get(i));
    }
    double mean = Arrays.stream(sorted).average().orElse(0);
    double variance = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum() / voiced;
    vector[at + percentiles.size()] = (float) (12 * Math.sqrt(variance));
    vector[at + percentiles.size() + 1] = (float) voiced / track.length;
  }

  /** Linear interpolation between closest ranks, as numpy's default. */
  static double percentile(double[] sorted, double p) {
    double rank = p / 100 * (sorted.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }
}
