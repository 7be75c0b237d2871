package io.github.voicegender.audio;

/**
 * A FLAC frame header (RFC 9639, section 9.1), parsed from bytes and checked against its CRC-8.
 *
 * @param blockSize samples per channel in the frame, 1 to 65536
 * @param sampleRate in Hz
 * @param channels 1 to 8
 * @param channelAssignment 0 to 7 independent, {@link #LEFT_SIDE}, {@link #SIDE_RIGHT}, {@link
 *     #MID_SIDE}
 * @param bitsPerSample 4 to 32
 * @param length header bytes, CRC-8 included
 */
record FlacFrameHeader(
    int blockSize, int sampleRate, int channels, int channelAssignment, int bitsPerSample,
    int length) {

  static final int LEFT_SIDE = 8;
  static final int SIDE_RIGHT = 9;
  static final int MID_SIDE = 10;

  private static final int[] SAMPLE_RATES = {
    0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000
  };
  private static final int[] BITS_PER_SAMPLE = {0, 8, 12, -1, 16, 20, 24, 32};
  /** Sync code (14 bits), reserved 0 bit, blocking strategy bit (either). */
  private static final int SYNC_MASK = 0xfffe;
  private static final int SYNC = 0xfff8;

  /** Whether a frame header's sync code starts at {@code at}. */
  static boolean syncAt(byte[] data, int at, int limit) {
    if (at + 1 >= limit) {
      return false;
    }
    int first16 = (data[at] & 0xff) << 8 | data[at + 1] & 0xff;
    return (first16 & SYNC_MASK) == SYNC;
  }

  /**
   * @param at where the sync code starts
   * @param streamInfo sample rate and bit depth for the codes that defer to STREAMINFO
   */
  static FlacFrameHeader parse(byte[] data, int at, int limit, FlacStreamInfo streamInfo)
      throws FlacStreamException {
    if (at + 4 > limit) {
      throw FlacStreamException.truncated();
    }
    int blockCode = (data[at + 2] & 0xf0) >>> 4;
    int rateCode = data[at + 2] & 0x0f;
    int assignment = (data[at + 3] & 0xf0) >>> 4;
    int depthCode = (data[at + 3] & 0x0e) >>> 1;
    if ((data[at + 3] & 0x01) != 0) {
      throw FlacStreamException.corrupt("reserved bit set in frame header");
    }
    if (blockCode == 0 || rateCode == 15 || assignment > MID_SIDE || depthCode == 3) {
      throw FlacStreamException.corrupt("reserved code in frame header");
    }
    int p = skipCodedNumber(data, at + 4, limit);
    int blockSize;
    if (blockCode == 1) {
      blockSize = 192;
    } else if (blockCode <= 5) {
      blockSize = 576 << (blockCode - 2);
    } else if (blockCode == 6) {
      blockSize = 1 + readBigEndian(data, p, 1, limit);
      p += 1;
    } else if (blockCode == 7) {
      blockSize = 1 + readBigEndian(data, p, 2, limit);
      p += 2;
    } else {
      blockSize = 256 << (blockCode - 8);
    }
    int sampleRate;
    if (rateCode == 0) {
      sampleRate = streamInfo.sampleRate();
    } else if (rateCode < 12) {
      sampleRate = SAMPLE_RATES[rateCode];
    } else if (rateCode == 12) {
      sampleRate = 1000 * readBigEndian(data, p, 1, limit);
      p += 1;
    } else {
      sampleRate = (rateCode == 13 ? 1 : 10) * readBigEndian(data, p, 2, limit);
      p += 2;
    }
    if (p >= limit) {
      throw FlacStreamException.truncated();
    }
    if (FlacCrc.crc8(data, at, p) != (data[p] & 0xff)) {
      throw FlacStreamException.corrupt("frame header CRC-8 mismatch");
    }
    int bitsPerSample = depthCode == 0 ? streamInfo.bitsPerSample() : BITS_PER_SAMPLE[depthCode];
    int channels = assignment < LEFT_SIDE ? assignment + 1 : 2;
    return new FlacFrameHeader(blockSize, sampleRate, channels, assignment, bitsPerSample, p + 1 - at);
  }

  /**
   * Skips the frame or sample number, coded like UTF-8 (up to 7 bytes, 36 bits); the decoder
   * counts frames and samples itself.
   */
  private static int skipCodedNumber(byte[] data, int at, int limit) throws FlacStreamException {
    if (at >= limit) {
      throw FlacStreamException.truncated();
    }
    int first = data[at] & 0xff;
    int extra = first < 0x80 ? 0 : Integer.numberOfLeadingZeros(~first << 24) - 1;
    if (extra == 0 && first >= 0x80 || extra > 6) {
      throw FlacStreamException.corrupt("invalid frame number in frame header");
    }
    if (at + 1 + extra > limit) {
      throw FlacStreamException.truncated();
    }
    for (int i = 1; i <= extra; i++) {
      if ((data[at + i] & 0xc0) != 0x80) {
        throw FlacStreamException.corrupt("invalid frame number in frame header");
      }
    }
    return at + 1 + extra;
  }

  private static int readBigEndian(byte[] data, int at, int bytes, int limit)
      throws FlacStreamException {
    if (at + bytes > limit) {
      throw FlacStreamException.truncated();
    }
    int value = 0;
    for (int i = 0; i < bytes; i++) {
      value = value << 8 | data[at + i] & 0xff;
    }
    return value;
  }
}
