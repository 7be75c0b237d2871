package io.github.voicegender.download;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How {@link LibriSpeechDownloader} fetches archives.
 *
 * @param mirrors base URLs tried in turn; a subset's archive is {@code <base>/<subset>.tar.gz}
 * @param checksums a file path or URL in {@code md5sum.txt} format that replaces
 *     {@link Checksums#LIBRISPEECH}, or null for the built-in ones
 * @param retries how many times a transient failure (connection error, cut or stalled transfer,
 *     HTTP 5xx or 429) is retried per mirror before the next mirror is tried; an attempt that got
 *     further than any before it starts the count again, so a long download over a flaky line
 *     still finishes
 * @param initialBackoff the wait before the first retry; it doubles with each retry
 * @param maxBackoff the longest wait between retries (also caps a server's Retry-After)
 * @param connectTimeout the longest wait for a connection and for a response's headers
 * @param idleTimeout a transfer that receives nothing for this long is abandoned and retried
 * @param progressInterval time between progress lines
 * @param proxy the HTTP proxy, or null to connect directly
 */
public record DownloadOptions(List<URI> mirrors, String checksums, int retries, Duration initialBackoff,
    Duration maxBackoff, Duration connectTimeout, Duration idleTimeout, Duration progressInterval,
    ProxySettings proxy) {

  /** OpenSLR resource 12, where LibriSpeech is published. */
  public static final String DEFAULT_URL = "https://www.openslr.org/resources/12";

  public DownloadOptions {
    mirrors = List.copyOf(mirrors);
    if (mirrors.isEmpty()) {
      throw new IllegalArgumentException("no download URL given");
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, was " + retries);
    }
    for (Duration d : List.of(initialBackoff, maxBackoff, connectTimeout, idleTimeout, progressInterval)) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("negative duration " + d);
      }
    }
  }

  /** OpenSLR, built-in checksums, 5 retries from 2 s up to 1 min, progress every 10 s, no proxy. */
  public static DownloadOptions defaults() {
    return new DownloadOptions(parseMirrors(DEFAULT_URL), null, 5, Duration.ofSeconds(2),
        Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(10), null);
  }

  /**
   * Parses a comma-separated list of base URLs ({@code http} or {@code https}); a
   * trailing slash is dropped.
   *
   * @throws IllegalArgumentException naming the entry that is not such a URL
   */
  public static List<URI> parseMirrors(String commaSeparated) {
    List<URI> mirrors = Arrays.stream(commaSeparated == null ? new String[0] : commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
        .map(DownloadOptions::toUri)
        .toList();
    if (mirrors.isEmpty()) {
      throw new IllegalArgumentException("gender.downloadUrl names no URL: '" + commaSeparated + "'");
    }
    return mirrors;
  }

  private static URI toUri(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("'" + url + "' is not an http:// or https:// URL");
    }
    return uri;
  }

  public DownloadOptions withMirrors(List<URI> newMirrors) {
    return new DownloadOptions(newMirrors, checksums, retries, initialBackoff, maxBackoff, connectTimeout,
        idleTimeout, progressInterval, proxy);
  }

  public DownloadOptions withChecksums(String newChecksums) {
    return new DownloadOptions(mirrors, newChecksums, retries, initialBackoff, maxBackoff, connectTimeout,
        idleTimeout, progressInterval, proxy);
  }

  public DownloadOptions withRetries(int newRetries, Duration newInitialBackoff, Duration newMaxBackoff) {
    return new DownloadOptions(mirrors, checksums, newRetries, newInitialBackoff, newMaxBackoff,
        connectTimeout, idleTimeout, progressInterval, proxy);
  }

  public DownloadOptions withTimeouts(Duration newConnectTimeout, Duration newIdleTimeout) {
    return new DownloadOptions(mirrors, checksums, retries, initialBackoff, maxBackoff, newConnectTimeout,
        newIdleTimeout, progressInterval, proxy);
  }

  public DownloadOptions withProgressInterval(Duration newProgressInterval) {
    return new DownloadOptions(mirrors, checksums, retries, initialBackoff, maxBackoff, connectTimeout,
        idleTimeout, newProgressInterval, proxy);
  }

  public DownloadOptions withProxy(ProxySettings newProxy) {
    return new DownloadOptions(mirrors, checksums, retries, initialBackoff, maxBackoff, connectTimeout,
        idleTimeout, progressInterval, newProxy);
  }
}
