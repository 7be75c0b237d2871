package io.github.voicegender.audio;

/**
 * The two checksums of a FLAC frame (RFC 9639, section 9.1): CRC-8 (polynomial 0x07) over the
 * frame header and CRC-16 (polynomial 0x8005) over the whole frame, both MSB-first with initial
 * value 0. CRC-16 runs over every byte of the file, so it goes four bytes per step with four
 * tables ("slicing by four") rather than one.
 */
final class FlacCrc {

  private static final int[] CRC8 = new int[256];
  /** {@code CRC16[j][b]}: the CRC-16 contribution of byte b followed by j zero bytes. */
  private static final int[][] CRC16 = new int[4][256];

  static {
    for (int b = 0; b < 256; b++) {
      int crc8 = b;
      int crc16 = b << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc8 = (crc8 & 0x80) != 0 ? (crc8 << 1 ^ 0x07) & 0xff : crc8 << 1 & 0xff;
        crc16 = (crc16 & 0x8000) != 0 ? (crc16 << 1 ^ 0x8005) & 0xffff : crc16 << 1 & 0xffff;
      }
      CRC8[b] = crc8;
      CRC16[0][b] = crc16;
    }
    for (int j = 1; j < 4; j++) {
      for (int b = 0; b < 256; b++) {
        int previous = CRC16[j - 1][b];
        CRC16[j][b] = (previous << 8 & 0xff00) ^ CRC16[0][previous >>> 8];
      }
    }
  }

  private FlacCrc() {}

  static int crc8(byte[] data, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      crc = CRC8[crc ^ data[i] & 0xff];
    }
    return crc;
  }

  static int crc16(byte[] data, int from, int to) {
    int[] t0 = CRC16[0];
    int[] t1 = CRC16[1];
    int[] t2 = CRC16[2];
    int[] t3 = CRC16[3];
    int crc = 0;
    int i = from;
    for (; i + 4 <= to; i += 4) {
      // The 16-bit state meets the first two of the four bytes; the last two enter unchanged.
      crc = t3[(crc >>> 8 ^ data[i] & 0xff)] ^ t2[(crc & 0xff ^ data[i + 1] & 0xff)]
          ^ t1[data[i + 2] & 0xff] ^ t0[data[i + 3] & 0xff];
    }
    for (; i < to; i++) {
      crc = (crc << 8 & 0xff00) ^ t0[crc >>> 8 ^ data[i] & 0xff];
    }
    return crc;
  }
}
