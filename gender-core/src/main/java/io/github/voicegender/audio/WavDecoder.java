package io.github.voicegender.audio;

import static io.github.voicegender.audio.StreamReading.readFully;
import static io.github.voicegender.audio.StreamReading.skipFully;
import static io.github.voicegender.audio.StreamReading.u16le;
import static io.github.voicegender.audio.StreamReading.u32le;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * RIFF/RF64 WAVE reader: integer PCM (8-bit unsigned, 9 to 32-bit signed), IEEE float (32 and 64
 * bit), plain or WAVE_FORMAT_EXTENSIBLE, any channel count and sample rate, down-mixed to mono.
 *
 * <p>Robust to real-world writers: unknown chunks are skipped with their pad byte; a data size of
 * 0xFFFFFFFF or beyond the end of the file (streamed or RF64 recordings) means "up to the end"; a
 * file cut short keeps every complete frame present and drops the partial last one, since a
 * recording interrupted mid-write is still usable audio.
 */
final class WavDecoder {

  private static final int FORMAT_PCM = 0x0001;
  private static final int FORMAT_IEEE_FLOAT = 0x0003;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;
  /** KSDATAFORMAT_SUBTYPE_* GUIDs share these bytes after the 2-byte format tag. */
  private static final byte[] SUBFORMAT_GUID_TAIL = {
    0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
    0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
  };
  private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
  private static final int MAX_FMT_CHUNK = 1024;
  private static final int READ_BUFFER_BYTES = 1 << 16;

  private final String source;
  private final InputStream in;
  private final long inputSize;
  private final DecodeLimits limits;
  private long position;

  private WavDecoder(String source, InputStream in, long inputSize, DecodeLimits limits) {
    this.source = source;
    this.in = in;
    this.inputSize = inputSize;
    this.limits = limits;
  }

  /**
   * @param inputSize total bytes in {@code in} when known, else -1; only sizes the first buffer
   */
  static AudioClip decode(InputStream in, String source, long inputSize, DecodeLimits limits)
      throws IOException {
    return new WavDecoder(source, in, inputSize, limits).decode();
  }

  private record Format(boolean isFloat, int channels, int sampleRate, int bytesPerSample) {
    int frameBytes() {
      return channels * bytesPerSample;
    }
  }

  private AudioClip decode() throws IOException {
    byte[] header = new byte[12];
    if (read(header, 12) < 12) {
      throw fail("truncated WAV header");
    }
    String riff = new String(header, 0, 4, StandardCharsets.US_ASCII);
    String wave = new String(header, 8, 4, StandardCharsets.US_ASCII);
    if (!(riff.equals("RIFF") || riff.equals("RF64")) || !wave.equals("WAVE")) {
      throw fail("not a WAV file (no RIFF/WAVE header)");
    }
    Format format = null;
    byte[] chunkHeader = new byte[8];
    while (true) {
      if (read(chunkHeader, 8) < 8) {
        throw fail(format == null ? "truncated WAV header (no fmt chunk)" : "no data chunk");
      }
      String id = new String(chunkHeader, 0, 4, StandardCharsets.ISO_8859_1);
      long size = u32le(chunkHeader, 4);
      if (id.equals("fmt ")) {
        format = readFormat(size);
      } else if (id.equals("data")) {
        if (format == null) {
          throw fail("data chunk comes before the fmt chunk");
        }
        return readData(format, size);
      } else {
        long padded = size + (size & 1);
        if (skip(padded) < padded) {
          throw fail(format == null ? "truncated WAV header (no fmt chunk)" : "no data chunk");
        }
      }
    }
  }

  private Format readFormat(long size) throws IOException {
    if (size < 16 || size > MAX_FMT_CHUNK) {
      throw fail("invalid fmt chunk size " + size);
    }
    int length = (int) (size + (size & 1));
    byte[] fmt = new byte[length];
    if (read(fmt, length) < size) {
      throw fail("truncated WAV header (fmt chunk)");
    }
    int tag = u16le(fmt, 0);
    int channels = u16le(fmt, 2);
    long sampleRate = u32le(fmt, 4);
    int blockAlign = u16le(fmt, 12);
    int bits = u16le(fmt, 14);
    if (tag == FORMAT_EXTENSIBLE) {
      if (size < 40) {
        throw fail("WAVE_FORMAT_EXTENSIBLE fmt chunk too short (" + size + " bytes)");
      }
      tag = u16le(fmt, 24);
      for (int i = 0; i < SUBFORMAT_GUID_TAIL.length; i++) {
        if (fmt[26 + i] != SUBFORMAT_GUID_TAIL[i]) {
          throw fail("unsupported WAVE_FORMAT_EXTENSIBLE sub-format (not PCM or IEEE float)");
        }
      }
    }
    if (channels == 0) {
      throw fail("WAV header declares 0 channels");
    }
    DecodeLimits.checkSampleRate(source, sampleRate);
    int bytesPerSample;
    if (tag == FORMAT_PCM) {
      if (bits < 1 || bits > 32) {
        throw fail("unsupported PCM bit depth " + bits);
      }
      bytesPerSample = (bits + 7) / 8;
      // Samples are left-justified, so a wider container (24 bits in 4 bytes) reads correctly
      // as a full-width sample.
      int container = blockAlign / channels;
      if (blockAlign % channels == 0 && container > bytesPerSample && container <= 4) {
        bytesPerSample = container;
      }
    } else if (tag == FORMAT_IEEE_FLOAT) {
      if (bits != 32 && bits != 64) {
        throw fail("unsupported IEEE float bit depth " + bits);
      }
      bytesPerSample = bits / 8;
    } else {
      throw fail(
          String.format(
              "unsupported WAV encoding 0x%04X (only PCM and IEEE float are supported)", tag));
    }
    return new Format(tag == FORMAT_IEEE_FLOAT, channels, (int) sampleRate, bytesPerSample);
  }

  private AudioClip readData(Format format, long declaredSize) throws IOException {
    int frameBytes = format.frameBytes();
    long declaredFrames =
        declaredSize == UNKNOWN_SIZE ? Long.MAX_VALUE : declaredSize / frameBytes;
    long presentFrames = inputSize < 0 ? Long.MAX_VALUE : (inputSize - position) / frameBytes;
    // Without a known input size, a declared size is only a hint: start small and grow.
    long expectedFrames =
        inputSize < 0 ? Math.min(declaredFrames, 1 << 20) : Math.min(declaredFrames, presentFrames);
    SampleBuffer out =
        new SampleBuffer(
            source,
            expectedFrames,
            limits.maxSamples(format.sampleRate()),
            limits.describe(format.sampleRate()));

    byte[] buffer = new byte[Math.max(1, READ_BUFFER_BYTES / frameBytes) * frameBytes];
    long framesLeft = declaredFrames;
    while (framesLeft > 0) {
      int want = (int) Math.min(buffer.length / frameBytes, framesLeft) * frameBytes;
      int got = read(buffer, want);
      int frames = got / frameBytes;
      if (frames > 0) {
        float[] samples = out.reserve(frames);
        toMono(format, buffer, frames, samples, out.size());
        out.advance(frames);
        framesLeft -= frames;
      }
      if (got < want) {
        break;
      }
    }
    if (out.size() == 0) {
      throw fail("contains no audio samples");
    }
    return new AudioClip(out.toArray(), format.sampleRate());
  }

  private static void toMono(Format format, byte[] b, int frames, float[] out, int at) {
    int channels = format.channels();
    int width = format.bytesPerSample();
    int p = 0;
    if (format.isFloat()) {
      for (int f = 0; f < frames; f++) {
        double sum = 0;
        for (int c = 0; c < channels; c++, p += width) {
          sum += width == 4 ? Float.intBitsToFloat(int32(b, p)) : Double.longBitsToDouble(int64(b, p));
        }
        out[at + f] = clamp(sum / channels);
      }
      return;
    }
    // Scale so full-scale negative is exactly -1; reading the container as a signed integer of
    // its width works for every bit depth because PCM samples are left-justified.
    double scale = 1.0 / (channels * (double) (1L << (8 * width - 1)));
    for (int f = 0; f < frames; f++) {
      long sum = 0;
      for (int c = 0; c < channels; c++, p += width) {
        sum +=
            switch (width) {
              case 1 -> (b[p] & 0xff) - 128;
              case 2 -> (short) u16le(b, p);
              case 3 -> (u16le(b, p) | b[p + 2] << 16);
              default -> int32(b, p);
            };
      }
      out[at + f] = (float) (sum * scale);
    }
  }

  private static int int32(byte[] b, int p) {
    return u16le(b, p) | u16le(b, p + 2) << 16;
  }

  private static long int64(byte[] b, int p) {
    return (int32(b, p) & 0xFFFFFFFFL) | (long) int32(b, p + 4) << 32;
  }

  /** Float WAV may exceed full scale or hold NaN; the clip contract is [-1, 1]. */
  private static float clamp(double v) {
    if (Double.isNaN(v)) {
      return 0f;
    }
    return (float) Math.max(-1.0, Math.min(1.0, v));
  }

  private int read(byte[] buffer, int length) throws IOException {
    int n = readFully(in, buffer, 0, length);
    position += n;
    return n;
  }

  private long skip(long count) throws IOException {
    long n = skipFully(in, count);
    position += n;
    return n;
  }

  private AudioDecodingException fail(String reason) {
    return new AudioDecodingException(source, reason);
  }
}
