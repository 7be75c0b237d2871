package io.github.voicegender.prediction;

import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.audio.Resampler;
import io.github.voicegender.features.FeatureConfig;
import io.github.voicegender.features.NoSpeechException;
import io.github.voicegender.features.UtteranceFeatures;
import io.github.voicegender.model.GenderClassifier;
import io.github.voicegender.model.Prediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classifies recordings of any length with a {@link GenderClassifier}: a long recording is cut into
 * windows, each window is classified on its own, and the answers are combined weighted by how much
 * voiced speech each window holds, so pauses, music beds or silence count for nothing. A window
 * (or a whole clip) without enough voiced speech, or whose pitched sound is instrumental music
 * ({@link HeldNotes}), is {@code unknown} rather than a forced guess.
 *
 * <p>Thread-safe: feature buffers are per thread, and the classifier serialises its own calls.
 */
public final class SegmentedClassifier implements ClipClassifier {

  /** Windows of this length (seconds) by default; clips up to 1.5 windows are judged whole. */
  public static final double DEFAULT_WINDOW_SECONDS = 10;
  /** A window needs at least this much voiced speech (seconds)... */
  static final double MIN_VOICED_SECONDS = 0.2;
  /** ...and at least this share of its sound voiced, or it is unknown (noise, music, clicks). */
  static final double MIN_VOICED_FRACTION = 0.15;

  private final GenderClassifier classifier;
  private final double windowSeconds;
  private final FeatureConfig config;
  private final int voicedFractionIndex;
  private final ThreadLocal<UtteranceFeatures> features;
  private final HeldNotes heldNotes;

  public SegmentedClassifier(GenderClassifier classifier) {
    this(classifier, DEFAULT_WINDOW_SECONDS);
  }

  public SegmentedClassifier(GenderClassifier classifier, double windowSeconds) {
    if (!(windowSeconds >= 1)) {
      throw new IllegalArgumentException("window must be at least 1 s, was " + windowSeconds);
    }
    this.classifier = classifier;
    this.windowSeconds = windowSeconds;
    this.config = classifier.featureConfig();
    this.voicedFractionIndex = config.featureNames().indexOf("voiced_fraction");
    this.features = ThreadLocal.withInitial(() -> new UtteranceFeatures(config));
    this.heldNotes = new HeldNotes(config);
  }

  @Override
  public ClipPrediction classify(AudioClip clip) {
    float[] samples = Resampler.resample(clip, config.sampleRate()).samples();
    int rate = config.sampleRate();
    double duration = samples.length / (double) rate;
    int window = (int) Math.round(windowSeconds * rate);

    List<int[]> bounds = new ArrayList<>();
    if (samples.length <= window * 3 / 2) {
      bounds.add(new int[] {0, samples.length});
    } else {
      for (int start = 0; start < samples.length; start += window) {
        int end = Math.min(samples.length, start + window);
        // A short tail joins the window before it rather than being judged on a few seconds.
        if (samples.length - end < window / 2) {
          end = samples.length;
        }
        bounds.add(new int[] {start, end});
        if (end == samples.length) {
          break;
        }
      }
    }

    List<Segment> segments = new ArrayList<>();
    double weightedFemale = 0;
    double totalWeight = 0;
    for (int[] range : bounds) {
      float[] part = Arrays.copyOfRange(samples, range[0], range[1]);
      double start = range[0] / (double) rate;
      double end = range[1] / (double) rate;
      double voicedSeconds = 0;
      double probabilityFemale = Double.NaN;
      try {
        UtteranceFeatures describer = features.get();
        float[] vector = describer.compute(part);
        double voicedFraction = vector[voicedFractionIndex];
        voicedSeconds = voicedFraction * (end - start);
        if (voicedFraction >= MIN_VOICED_FRACTION && voicedSeconds >= MIN_VOICED_SECONDS
            && !heldNotes.isMusic(describer.lastPitchTrack())) {
          probabilityFemale = classifier.probabilityFemale(vector);
        }
      } catch (NoSpeechException e) {
        // No speech in this window: it stays unknown and weighs nothing.
      }
      if (Double.isNaN(probabilityFemale)) {
        segments.add(new Segment(start, end, Prediction.UNKNOWN, Double.NaN));
        continue;
      }
      Prediction answer = Prediction.ofProbabilityFemale(probabilityFemale);
      segments.add(new Segment(start, end, answer.label(), answer.probability()));
      weightedFemale += voicedSeconds * probabilityFemale;
      totalWeight += voicedSeconds;
    }
    if (totalWeight == 0) {
      return new ClipPrediction(Prediction.UNKNOWN, Double.NaN, duration, segments);
    }
    Prediction overall = Prediction.ofProbabilityFemale(weightedFemale / totalWeight);
    return new ClipPrediction(overall.label(), overall.probability(), duration, segments);
  }
}
