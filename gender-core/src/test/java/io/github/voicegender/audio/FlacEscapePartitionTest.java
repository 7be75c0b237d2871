package io.github.voicegender.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Escape partitions (residuals stored raw, at a width the partition names), which the reference
 * encoder does not write: a small stream built bit by bit here, in both residual coding methods
 * (4-bit Rice parameters, escape code 15; 5-bit Rice2 parameters, escape code 31), one FIXED
 * order-1 subframe whose first partition is escaped and whose second is Rice-coded.
 */
class FlacEscapePartitionTest {

  private static final int BLOCK = 16;
  private static final int[] ESCAPED = {5, -7, 31, -32, 0, 1, -1}; // 6-bit signed values
  private static final int[] RICE = {3, -4, 0, 2, -1, 7, -8, 1};

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void escapedAndRiceCodedPartitionsDecode(int method) throws Exception {
    int warmUp = 1000;
    float[] expected = new float[BLOCK];
    int sample = warmUp;
    expected[0] = sample / 32768f;
    for (int i = 1; i < BLOCK; i++) {
      sample += i <= ESCAPED.length ? ESCAPED[i - 1] : RICE[i - 1 - ESCAPED.length];
      expected[i] = sample / 32768f;
    }

    byte[] flac = stream(method, warmUp);

    assertArrayEquals(expected, new AudioDecoder().decode(flac, "escape.flac").samples());
  }

  private static byte[] stream(int method, int warmUp) {
    Bits out = new Bits();
    out.bytes("fLaC".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.put(1, 1).put(0, 7).put(34, 24); // last metadata block: STREAMINFO, 34 bytes
    out.put(BLOCK, 16).put(BLOCK, 16).put(0, 24).put(0, 24); // block and frame sizes
    out.put(8000, 20).put(0, 3).put(15, 5).put(0, 4).put(BLOCK, 32); // rate, mono, 16 bits, total
    out.bytes(new byte[16]); // MD5 (unchecked)

    int frameStart = out.size();
    out.put(0xfff8, 16); // sync, fixed block size
    out.put(6, 4).put(0, 4); // block size in an 8-bit field; sample rate from STREAMINFO
    out.put(0, 4).put(4, 3).put(0, 1); // mono, 16 bits
    out.put(0, 8); // frame number 0
    out.put(BLOCK - 1, 8);
    out.put(FlacCrc.crc8(out.toByteArray(), frameStart, out.size()), 8);

    out.put(0, 1).put(0b001001, 6).put(0, 1); // FIXED, order 1, no wasted bits
    out.put(warmUp, 16);
    int parameterBits = method == 0 ? 4 : 5;
    out.put(method, 2).put(1, 4); // two partitions of 8 samples, the first holds 7 residuals
    out.put((1 << parameterBits) - 1, parameterBits).put(6, 5); // escape: raw, 6 bits each
    for (int r : ESCAPED) {
      out.put(r & 0x3f, 6);
    }
    int k = 2;
    out.put(k, parameterBits);
    for (int r : RICE) {
      int folded = r >= 0 ? 2 * r : -2 * r - 1;
      out.put(1, (folded >> k) + 1).put(folded & ((1 << k) - 1), k); // unary quotient, low bits
    }
    out.align();
    out.put(FlacCrc.crc16(out.toByteArray(), frameStart, out.size()), 16);
    return out.toByteArray();
  }

  /** MSB-first bit writer. */
  private static final class Bits {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int current;
    private int filled;

    Bits put(long value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        current = current << 1 | (int) (value >>> i & 1);
        if (++filled == 8) {
          bytes.write(current);
          current = 0;
          filled = 0;
        }
      }
      return this;
    }

    void bytes(byte[] data) {
      for (byte b : data) {
        put(b & 0xff, 8);
      }
    }

    void align() {
      while (filled != 0) {
        put(0, 1);
      }
    }

    int size() {
      return bytes.size();
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }
}
