package io.github.voicegender.audio;

/**
 * A FLAC frame that cannot be decoded, before {@link FlacDecoder} names the file, frame and sample
 * offset in an {@link AudioDecodingException}. {@link #isTruncated()} tells data that ends inside
 * a frame (the frames before it are kept, as for a WAV file cut short) from data that is wrong.
 */
final class FlacStreamException extends Exception {

  private final boolean truncated;

  private FlacStreamException(String reason, boolean truncated) {
    super(reason, null, false, false);
    this.truncated = truncated;
  }

  static FlacStreamException corrupt(String reason) {
    return new FlacStreamException(reason, false);
  }

  static FlacStreamException truncated() {
    return new FlacStreamException("cut short", true);
  }

  boolean isTruncated() {
    return truncated;
  }
}
