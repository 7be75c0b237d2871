package io.github.voicegender.web;

import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.prediction.ClipClassifier;
import io.github.voicegender.prediction.ClipPrediction;
import io.github.voicegender.prediction.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the real model: female when a window's pitch (from zero crossings, exact for the
 * tones the tests send) is above 165 Hz, male below, unknown for silence. Windows of 2 s for clips
 * longer than 3 s; the clip's answer is the majority of its windows, with their mean probability.
 */
final class PitchThresholdClassifier implements ClipClassifier {

  static final double THRESHOLD_HZ = 165;
  static final double PROBABILITY = 0.9;
  static final double WINDOW_SECONDS = 2;

  @Override
  public ClipPrediction classify(AudioClip clip) {
    int n = clip.samples().length;
    int window = clip.durationSeconds() > 3 ? (int) (WINDOW_SECONDS * clip.sampleRate()) : n;
    List<Segment> segments = new ArrayList<>();
    int female = 0;
    int male = 0;
    for (int start = 0; start < n; start += window) {
      int end = Math.min(n, start + window);
      String label = label(clip, start, end);
      female += label.equals("female") ? 1 : 0;
      male += label.equals("male") ? 1 : 0;
      segments.add(new Segment(start / (double) clip.sampleRate(), end / (double) clip.sampleRate(), label,
          label.equals("unknown") ? Double.NaN : PROBABILITY));
    }
    String label = female + male == 0 ? "unknown" : female >= male ? "female" : "male";
    double probability = label.equals("unknown") ? Double.NaN : PROBABILITY;
    return new ClipPrediction(label, probability, clip.durationSeconds(), segments);
  }

  static double pitchHz(AudioClip clip, int start, int end) {
    float[] s = clip.samples();
    int crossings = 0;
    for (int i = start + 1; i < end; i++) {
      if ((s[i - 1] < 0) != (s[i] < 0)) {
        crossings++;
      }
    }
    return crossings / 2.0 / ((end - start) / (double) clip.sampleRate());
  }

  private static String label(AudioClip clip, int start, int end) {
    double rms = 0;
    for (int i = start; i < end; i++) {
      rms += clip.samples()[i] * clip.samples()[i];
    }
    if (Math.sqrt(rms / Math.max(1, end - start)) < 1e-3) {
      return "unknown";
    }
    return pitchHz(clip, start, end) > THRESHOLD_HZ ? "female" : "male";
  }
}
