package io.github.voicegender.audio;

import java.io.ByteArrayInputStream;

/**
 * Audio bytes already in memory, as a stream that lets a decoder read them in place: the FLAC
 * decoder works on the remaining bytes directly instead of copying them out first.
 */
final class InMemoryInput extends ByteArrayInputStream {

  InMemoryInput(byte[] data) {
    super(data);
  }

  /** The whole backing array; the unread bytes are {@code [position(), end())}. */
  byte[] array() {
    return buf;
  }

  int position() {
    return pos;
  }

  int end() {
    return count;
  }

  /** Marks everything as read, as a decoder that consumed the bytes in place must. */
  void consumeAll() {
    pos = count;
  }
}
