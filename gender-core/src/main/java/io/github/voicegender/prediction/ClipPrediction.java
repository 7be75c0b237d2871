package io.github.voicegender.prediction;

import java.util.List;

/**
 * The answer for a whole recording: one label for it, and the windows it was judged by.
 *
 * @param label {@code male}, {@code female}, or {@code unknown} when no window holds speech
 * @param probability the probability of the label (NaN for unknown)
 * @param durationSeconds the recording's length
 * @param segments the windows, in time order (one for a short clip)
 */
public record ClipPrediction(String label, double probability, double durationSeconds,
    List<Segment> segments) {

  public ClipPrediction {
    segments = List.copyOf(segments);
  }
}
