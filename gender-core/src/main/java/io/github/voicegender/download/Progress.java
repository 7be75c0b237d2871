package io.github.voicegender.download;

import java.time.Duration;
import java.util.Locale;

/** Formats download progress: sizes, rates, durations, and one progress line. */
final class Progress {

  private Progress() {}

  /**
   * @param offset bytes already on disk before this transfer
   * @param received bytes received in this transfer
   * @param total the whole file's size, or -1 when the server did not say
   * @param elapsedNanos time since this transfer started
   */
  static String line(long offset, long received, long total, long elapsedNanos) {
    long have = offset + received;
    StringBuilder line = new StringBuilder(bytes(have));
    if (total > 0) {
      line.append(" of ").append(bytes(total))
          .append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * have / total));
    }
    line.append(", ").append(rate(received, elapsedNanos));
    if (total > 0 && received > 0) {
      double secondsLeft = (total - have) * (elapsedNanos / 1e9) / received;
      line.append(", ETA ").append(duration(Duration.ofSeconds(Math.round(secondsLeft))));
    }
    return line.toString();
  }

  static String bytes(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  static String rate(long bytes, long elapsedNanos) {
    if (elapsedNanos <= 0) {
      return "- B/s";
    }
    return bytes((long) (bytes / (elapsedNanos / 1e9))) + "/s";
  }

  static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    long seconds = Math.round(millis / 1000.0);
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
  }
}
