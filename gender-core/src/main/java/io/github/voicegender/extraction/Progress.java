package io.github.voicegender.extraction;

import io.github.voicegender.PipelineLog;
import java.time.Duration;
import java.util.Locale;

/**
 * Counts finished files and logs progress at most once per interval: files done of total, audio
 * hours, speed in multiples of real time, and the estimated time left.
 */
final class Progress {

  private final int total;
  private final PipelineLog log;
  private final long intervalNanos;
  private final long startNanos = System.nanoTime();
  private long lastReportNanos = startNanos;
  private int done;
  private int failed;
  private double audioSeconds;

  Progress(int total, PipelineLog log, Duration interval) {
    this.total = total;
    this.log = log;
    this.intervalNanos = interval.toNanos();
  }

  synchronized void extracted(double seconds) {
    done++;
    audioSeconds += seconds;
    report(false);
  }

  synchronized void failed(ExtractionFailure failure) {
    failed++;
    log.warn("Skipped " + failure.audio() + ": " + failure.reason());
    report(false);
  }

  synchronized int done() {
    return done;
  }

  synchronized double audioSeconds() {
    return audioSeconds;
  }

  /** Logs now if the interval has passed, or if {@code force}. */
  synchronized void report(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastReportNanos < intervalNanos) {
      return;
    }
    lastReportNanos = now;
    int finished = done + failed;
    double elapsed = (now - startNanos) / 1e9;
    double speed = elapsed > 0 ? audioSeconds / elapsed : 0;
    double filesPerSecond = elapsed > 0 ? finished / elapsed : 0;
    long etaSeconds = filesPerSecond > 0 ? Math.round((total - finished) / filesPerSecond) : 0;
    log.info(String.format(Locale.ROOT, "%d/%d files (%.0f%%), %.2f h of audio, %.0fx real time, ETA %s",
        finished, total, total == 0 ? 100.0 : 100.0 * finished / total, audioSeconds / 3600, speed,
        formatDuration(etaSeconds)));
  }

  static String formatDuration(long seconds) {
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
