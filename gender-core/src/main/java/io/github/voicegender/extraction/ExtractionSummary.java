package io.github.voicegender.extraction;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an extraction run did.
 *
 * @param files utterances in the dataset
 * @param extracted files decoded and extracted in this run
 * @param reused files whose stored features were still valid
 * @param failures files that could not be used, with reasons
 * @param audioSeconds audio in the usable files (extracted and reused)
 * @param extractedAudioSeconds audio decoded in this run
 * @param wallTime how long the run took
 * @param rows the complete tables, per subset
 */
public record ExtractionSummary(int files, int extracted, int reused, List<ExtractionFailure> failures,
    double audioSeconds, double extractedAudioSeconds, Duration wallTime,
    Map<String, List<FeatureRow>> rows) {

  public ExtractionSummary {
    failures = List.copyOf(failures);
    rows = Map.copyOf(rows);
  }

  /** Audio seconds extracted per wall-clock second in this run; 0 when nothing was extracted. */
  public double realTimeFactor() {
    double seconds = wallTime.toNanos() / 1e9;
    return seconds > 0 ? extractedAudioSeconds / seconds : 0;
  }

  /** One line for the end of the log. */
  public String format() {
    return String.format(Locale.ROOT,
        "%d files (%d extracted, %d unchanged, %d skipped), %.2f h of audio, %.1f s wall time, %.0fx real time",
        files, extracted, reused, failures.size(), audioSeconds / 3600, wallTime.toNanos() / 1e9,
        realTimeFactor());
  }
}
