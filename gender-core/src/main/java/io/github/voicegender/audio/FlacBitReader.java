package io.github.voicegender.audio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian bit reader over FLAC frame bytes held in memory, built for Rice decoding: unread bits
 * sit left-aligned in a 64-bit cache that is refilled eight bytes at a time, so a Rice code's
 * unary prefix is one {@link Long#numberOfLeadingZeros} instead of a loop over bits.
 *
 * <p>Reading past the end of the data yields zero bits rather than an exception in the hot loops;
 * {@link #checkInBounds()} (called after each subframe) and the unary reader, whose run of zeros
 * would otherwise be unbounded, turn that into a {@link FlacStreamException#truncated}. Work is
 * thus bounded by the data present: every value read consumes at least one bit, except in escape
 * partitions of width zero, which the caller bounds by the block size.
 *
 * <p>Invariants: {@code 0 <= bits <= 63}; the byte at {@code pos} starts {@code bits} bits below
 * the top of {@code cache}. Bits of the cache below the valid ones are either zero or already the
 * right data (a refill loads whole words and counts only whole bytes), so OR-ing a refill over them
 * is harmless.
 */
final class FlacBitReader {

  private static final VarHandle LONG_BIG_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] data;
  private final int limit;
  /** Next byte to load; may run past {@code limit} while supplying zeros. */
  private int pos;
  private long cache;
  private int bits;

  /**
   * @param limit end of the valid bytes in {@code data}
   */
  FlacBitReader(byte[] data, int limit) {
    this.data = data;
    this.limit = limit;
  }

  /** Moves to a byte position, discarding the cache. */
  void seek(int bytePosition) {
    pos = bytePosition;
    cache = 0;
    bits = 0;
  }

  /** Position of the next unread byte; meaningful when {@link #alignToByte() byte-aligned}. */
  int bytePosition() {
    return pos - (bits >> 3);
  }

  void alignToByte() {
    skip(bits & 7);
  }

  /** Fails if more bits were consumed than the data holds. */
  void checkInBounds() throws FlacStreamException {
    if ((long) pos * 8 - bits > (long) limit * 8) {
      throw FlacStreamException.truncated();
    }
  }

  /** {@code n} bits (0 to 56) as an unsigned value. */
  long readUnsigned(int n) {
    if (n == 0) {
      return 0;
    }
    if (bits < n) {
      refill();
    }
    long value = cache >>> (64 - n);
    cache <<= n;
    bits -= n;
    return value;
  }

  /** {@code n} bits (0 to 56) as a two's-complement value. */
  long readSigned(int n) {
    if (n == 0) {
      return 0;
    }
    if (bits < n) {
      refill();
    }
    long value = cache >> (64 - n);
    cache <<= n;
    bits -= n;
    return value;
  }

  void skip(int n) {
    if (bits < n) {
      refill();
    }
    cache <<= n;
    bits -= n;
  }

  /** Number of 0 bits before the next 1 bit, which is consumed too. */
  int readUnary() throws FlacStreamException {
    int count = 0;
    while (true) {
      if (bits == 0) {
        refill();
      }
      int zeros = Long.numberOfLeadingZeros(cache);
      if (zeros < bits) {
        cache <<= zeros + 1;
        bits -= zeros + 1;
        return count + zeros;
      }
      // Every valid bit is 0: drop them and load more, unless the data has run out.
      count += bits;
      cache = 0;
      bits = 0;
      if (pos >= limit) {
        throw FlacStreamException.truncated();
      }
    }
  }

  /**
   * Decodes Rice codes with parameter {@code k} (0 to 30) into {@code out[from, to)}: a unary
   * quotient, {@code k} low bits, then the zigzag mapping back to a signed value. The loop keeps
   * the reader's state in locals and handles a code that does not fit the cache in {@link
   * #readRiceSlowly}.
   */
  void readRice(long[] out, int from, int to, int k) throws FlacStreamException {
    long c = cache;
    int b = bits;
    int p = pos;
    long lowMask = (1L << k) - 1;
    for (int i = from; i < to; i++) {
      if (b < 32 && p + 8 <= limit) {
        c |= (long) LONG_BIG_ENDIAN.get(data, p) >>> b;
        int take = (63 - b) >>> 3;
        p += take;
        b += take << 3;
      }
      int zeros = Long.numberOfLeadingZeros(c);
      int length = zeros + 1 + k;
      long folded;
      if (length <= b) {
        folded = (long) zeros << k | (c >>> (64 - length) & lowMask);
        c <<= length;
        b -= length;
      } else {
        cache = c;
        bits = b;
        pos = p;
        folded = readRiceSlowly(k);
        c = cache;
        b = bits;
        p = pos;
      }
      out[i] = folded >>> 1 ^ -(folded & 1);
    }
    cache = c;
    bits = b;
    pos = p;
  }

  private long readRiceSlowly(int k) throws FlacStreamException {
    long quotient = readUnary();
    return quotient << k | readUnsigned(k);
  }

  /** Tops the cache up to at least 56 valid bits, with zeros past the end of the data. */
  private void refill() {
    if (pos + 8 <= limit) {
      cache |= (long) LONG_BIG_ENDIAN.get(data, pos) >>> bits;
      int take = (63 - bits) >>> 3;
      pos += take;
      bits += take << 3;
      return;
    }
    while (bits <= 55) {
      long next = pos < limit ? data[pos] & 0xff : 0;
      cache |= next << (56 - bits);
      pos++;
      bits += 8;
    }
  }
}
