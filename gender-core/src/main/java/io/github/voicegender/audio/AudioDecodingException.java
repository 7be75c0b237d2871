package io.github.voicegender.audio;

import java.io.IOException;

/**
 * Audio that cannot be decoded: corrupt, truncated, empty, unsupported or not audio at all. The
 * message always names the source and the cause.
 */
public class AudioDecodingException extends IOException {

  private final String source;
  private final String reason;

  public AudioDecodingException(String source, String reason) {
    this(source, reason, null);
  }

  public AudioDecodingException(String source, String reason, Throwable cause) {
    super(source + ": " + reason, cause);
    this.source = source;
    this.reason = reason;
  }

  /** The file or upload that failed, as given to the decoder. */
  public String source() {
    return source;
  }

  /** Why it failed, without the source. */
  public String reason() {
    return reason;
  }
}
