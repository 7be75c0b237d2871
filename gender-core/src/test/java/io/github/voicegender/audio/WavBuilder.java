package io.github.voicegender.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes WAV bytes in every encoding the decoder supports, plus the quirks of real writers. */
final class WavBuilder {

  enum Encoding {
    PCM_U8(1, 8),
    PCM_16(1, 16),
    PCM_24(1, 24),
    PCM_32(1, 32),
    FLOAT_32(3, 32),
    FLOAT_64(3, 64);

    final int formatTag;
    final int bits;

    Encoding(int formatTag, int bits) {
      this.formatTag = formatTag;
      this.bits = bits;
    }

    /** Largest error the encoding's quantisation may add to a sample. */
    double quantisationError() {
      return formatTag == 3 ? 1e-7 : 0.5 / (1L << (bits - 1)) + 1e-7;
    }
  }

  private final Encoding encoding;
  private final int sampleRate;
  private double[][] channels = new double[1][0];
  private boolean extensible;
  private boolean rf64;
  private Long declaredDataSize;
  private final List<byte[]> chunksBeforeFmt = new ArrayList<>();
  private final List<byte[]> chunksBeforeData = new ArrayList<>();

  WavBuilder(Encoding encoding, int sampleRate) {
    this.encoding = encoding;
    this.sampleRate = sampleRate;
  }

  WavBuilder channels(double[]... channels) {
    this.channels = channels;
    return this;
  }

  WavBuilder mono(float[] samples) {
    double[] channel = new double[samples.length];
    for (int i = 0; i < samples.length; i++) {
      channel[i] = samples[i];
    }
    return channels(channel);
  }

  WavBuilder extensible() {
    extensible = true;
    return this;
  }

  WavBuilder rf64() {
    rf64 = true;
    return this;
  }

  /** Writes this size in the data chunk header instead of the true one (e.g. 0xFFFFFFFF). */
  WavBuilder declaredDataSize(long size) {
    declaredDataSize = size;
    return this;
  }

  WavBuilder chunkBeforeFmt(String id, int size) {
    chunksBeforeFmt.add(chunk(id, new byte[size]));
    return this;
  }

  WavBuilder chunkBeforeData(String id, int size) {
    chunksBeforeData.add(chunk(id, new byte[size]));
    return this;
  }

  byte[] build() {
    int frames = channels[0].length;
    int bytesPerSample = encoding.bits / 8;
    ByteBuffer data = le(frames * channels.length * bytesPerSample);
    for (int i = 0; i < frames; i++) {
      for (double[] channel : channels) {
        putSample(data, channel[i]);
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii("WAVE"));
    chunksBeforeFmt.forEach(body::writeBytes);
    body.writeBytes(chunk("fmt ", fmt()));
    chunksBeforeData.forEach(body::writeBytes);
    byte[] samples = data.array();
    long dataSize = declaredDataSize != null ? declaredDataSize : samples.length;
    body.writeBytes(le(8).put(ascii("data")).putInt((int) dataSize).array());
    body.writeBytes(samples);
    if ((samples.length & 1) == 1) {
      body.write(0);
    }
    byte[] all = body.toByteArray();
    ByteBuffer file = le(8 + all.length);
    file.put(ascii(rf64 ? "RF64" : "RIFF")).putInt(rf64 ? -1 : all.length).put(all);
    return file.array();
  }

  private byte[] fmt() {
    int bytesPerSample = encoding.bits / 8;
    int blockAlign = channels.length * bytesPerSample;
    ByteBuffer fmt = le(extensible ? 40 : 16);
    fmt.putShort((short) (extensible ? 0xFFFE : encoding.formatTag))
        .putShort((short) channels.length)
        .putInt(sampleRate)
        .putInt(sampleRate * blockAlign)
        .putShort((short) blockAlign)
        .putShort((short) encoding.bits);
    if (extensible) {
      fmt.putShort((short) 22).putShort((short) encoding.bits).putInt(0);
      fmt.putShort((short) encoding.formatTag)
          .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
              (byte) 0x9B, 0x71});
    }
    return fmt.array();
  }

  private void putSample(ByteBuffer out, double x) {
    switch (encoding) {
      case FLOAT_32 -> out.putFloat((float) x);
      case FLOAT_64 -> out.putDouble(x);
      default -> {
        long full = 1L << (encoding.bits - 1);
        long v = Math.max(-full, Math.min(full - 1, Math.round(x * full)));
        switch (encoding) {
          case PCM_U8 -> out.put((byte) (v + 128));
          case PCM_16 -> out.putShort((short) v);
          case PCM_24 -> out.putShort((short) v).put((byte) (v >> 16));
          default -> out.putInt((int) v);
        }
      }
    }
  }

  static byte[] chunk(String id, byte[] content) {
    ByteBuffer chunk = le(8 + content.length + (content.length & 1));
    return chunk.put(ascii(id)).putInt(content.length).put(content).array();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
