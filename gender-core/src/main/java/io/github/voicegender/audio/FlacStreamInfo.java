package io.github.voicegender.audio;

/**
 * The STREAMINFO metadata block's fields that decoding needs (RFC 9639, section 8.2).
 *
 * @param totalSamples samples per channel, 0 when unknown
 */
record FlacStreamInfo(int sampleRate, int channels, int bitsPerSample, long totalSamples) {

  static final int LENGTH = 34;

  /** Parses the 34-byte block body. */
  static FlacStreamInfo parse(byte[] b) {
    int sampleRate = (b[10] & 0xff) << 12 | (b[11] & 0xff) << 4 | (b[12] & 0xf0) >>> 4;
    int channels = ((b[12] & 0x0e) >>> 1) + 1;
    int bitsPerSample = ((b[12] & 0x01) << 4 | (b[13] & 0xf0) >>> 4) + 1;
    long totalSamples = (b[13] & 0x0fL) << 32 | (b[14] & 0xffL) << 24 | (b[15] & 0xff) << 16
        | (b[16] & 0xff) << 8 | b[17] & 0xff;
    return new FlacStreamInfo(sampleRate, channels, bitsPerSample, totalSamples);
  }
}
