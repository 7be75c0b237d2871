package io.github.voicegender.audio;

import java.io.IOException;
import java.io.InputStream;

/** Exact-length reads and skips, reporting a short count at end of input instead of throwing. */
final class StreamReading {

  private StreamReading() {}

  /** Reads up to {@code length} bytes; fewer only at end of input. */
  static int readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
    int total = 0;
    while (total < length) {
      int n = in.read(buffer, offset + total, length - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** Skips up to {@code count} bytes; returns how many were really there. */
  static long skipFully(InputStream in, long count) throws IOException {
    long remaining = count;
    while (remaining > 0) {
      long skipped = in.skip(remaining);
      if (skipped <= 0) {
        // skip() may return 0 before the end; only read() tells end of input apart.
        if (in.read() < 0) {
          break;
        }
        skipped = 1;
      }
      remaining -= skipped;
    }
    return count - remaining;
  }

  static int u16le(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  static long u32le(byte[] b, int at) {
    return (u16le(b, at) | (long) u16le(b, at + 2) << 16);
  }
}
