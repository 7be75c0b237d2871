package io.github.voicegender.download;

/**
 * A subset could not be downloaded, verified or unpacked. The message names the subset and the
 * reason, and says what to do where there is something to do.
 */
public class DownloadException extends Exception {

  private final String subset;

  public DownloadException(String subset, String message) {
    super(message);
    this.subset = subset;
  }

  public DownloadException(String subset, String message, Throwable cause) {
    super(message, cause);
    this.subset = subset;
  }

  /** The subset this is about, or null when it is about no single subset (the checksums file). */
  public String subset() {
    return subset;
  }
}
