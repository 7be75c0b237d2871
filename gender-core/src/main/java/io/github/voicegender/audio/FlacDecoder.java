package io.github.voicegender.audio;

import static io.github.voicegender.audio.StreamReading.readFully;
import static io.github.voicegender.audio.StreamReading.skipFully;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.frame.Header;

/**
 * FLAC reader on top of jflac, down-mixed to mono.
 *
 * <p>Speed: samples are taken straight from jflac's per-channel {@code int[]} after each {@link
 * FLACDecoder#readNextFrame()}, skipping its conversion to PCM bytes ({@code ByteData}) and back,
 * about a quarter of its decode time. What remains is mostly jflac's bit-by-bit Rice decoding.
 *
 * <p>Safety: jflac trusts its input. Metadata is parsed here and only STREAMINFO is handed to
 * jflac (its PICTURE and VORBIS_COMMENT readers allocate whatever lengths the file claims); every
 * jflac exception becomes an {@link AudioDecodingException}; decoding stops at STREAMINFO's total
 * (past it jflac would keep reading frames without resynchronising); and a frame count that
 * outruns the bytes read means jflac stopped consuming input, so we stop rather than hang.
 */
final class FlacDecoder {

  private static final int STREAMINFO = 0;
  private static final int STREAMINFO_LENGTH = 34;
  private static final int INVALID_BLOCK_TYPE = 127;
  /** jflac's frame header knows no depth above 24 bits. */
  private static final int MAX_BITS_PER_SAMPLE = 24;
  /** Each frame jflac returns has consumed at least its sync code; it reads 1 KiB ahead. */
  private static final int MIN_FRAME_BYTES = 2;
  private static final int READ_AHEAD_SLACK = 4096;

  private FlacDecoder() {}

  /**
   * @param inputSize total bytes in {@code in} when known, else -1; only sizes the first buffer
   */
  static AudioClip decode(InputStream in, String source, long inputSize, DecodeLimits limits)
      throws IOException {
    byte[] magic = new byte[4];
    if (readFully(in, magic, 0, 4) < 4
        || magic[0] != 'f' || magic[1] != 'L' || magic[2] != 'a' || magic[3] != 'C') {
      throw new AudioDecodingException(source, "not a FLAC file (no fLaC marker)");
    }
    byte[] streamInfo = readMetadata(in, source);
    int sampleRate = (streamInfo[10] & 0xff) << 12 | (streamInfo[11] & 0xff) << 4
        | (streamInfo[12] & 0xf0) >> 4;
    int bitsPerSample = ((streamInfo[12] & 0x01) << 4 | (streamInfo[13] & 0xf0) >> 4) + 1;
    long totalSamples = (streamInfo[13] & 0x0fL) << 32 | (readInt(streamInfo, 14) & 0xFFFFFFFFL);
    DecodeLimits.checkSampleRate(source, sampleRate);
    if (bitsPerSample > MAX_BITS_PER_SAMPLE) {
      throw new AudioDecodingException(
          source, "unsupported FLAC bit depth " + bitsPerSample + " (at most 24)");
    }

    long initialCapacity = inputSize > 0 ? Math.max(inputSize, 1 << 16) * 4 : 1 << 20;
    if (totalSamples > 0) {
      initialCapacity = Math.min(initialCapacity, totalSamples);
    }
    SampleBuffer out =
        new SampleBuffer(
            source, initialCapacity, limits.maxSamples(sampleRate), limits.describe(sampleRate));
    CountingInputStream counted = new CountingInputStream(in);
    try {
      decodeFrames(jflacInput(streamInfo, counted), counted, totalSamples, out, source);
    } catch (AudioDecodingException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new AudioDecodingException(source, "corrupt FLAC stream (" + e + ")", e);
    }
    if (out.size() == 0) {
      throw new AudioDecodingException(source, "contains no audio samples");
    }
    return new AudioClip(out.toArray(), sampleRate);
  }

  /** Skips every metadata block but STREAMINFO, which it returns (34 bytes). */
  private static byte[] readMetadata(InputStream in, String source) throws IOException {
    byte[] blockHeader = new byte[4];
    byte[] streamInfo = null;
    boolean last = false;
    while (!last) {
      if (readFully(in, blockHeader, 0, 4) < 4) {
        throw new AudioDecodingException(source, "truncated FLAC metadata");
      }
      last = (blockHeader[0] & 0x80) != 0;
      int type = blockHeader[0] & 0x7f;
      int length = readInt(blockHeader, 0) & 0xFFFFFF;
      if (streamInfo == null) {
        if (type != STREAMINFO || length != STREAMINFO_LENGTH) {
          throw new AudioDecodingException(source, "FLAC STREAMINFO block missing");
        }
        streamInfo = new byte[STREAMINFO_LENGTH];
        if (readFully(in, streamInfo, 0, length) < length) {
          throw new AudioDecodingException(source, "truncated FLAC metadata");
        }
      } else if (type == INVALID_BLOCK_TYPE) {
        throw new AudioDecodingException(source, "invalid FLAC metadata block type 127");
      } else if (skipFully(in, length) < length) {
        throw new AudioDecodingException(source, "truncated FLAC metadata");
      }
    }
    return streamInfo;
  }

  /** The stream as jflac should see it: STREAMINFO as the only, last metadata block. */
  private static InputStream jflacInput(byte[] streamInfo, InputStream frames) {
    byte[] head = new byte[8 + STREAMINFO_LENGTH];
    head[0] = 'f';
    head[1] = 'L';
    head[2] = 'a';
    head[3] = 'C';
    head[4] = (byte) (0x80 | STREAMINFO);
    head[7] = STREAMINFO_LENGTH;
    System.arraycopy(streamInfo, 0, head, 8, STREAMINFO_LENGTH);
    return new SequenceInputStream(new ByteArrayInputStream(head), frames);
  }

  private static void decodeFrames(
      InputStream input,
      CountingInputStream counted,
      long totalSamples,
      SampleBuffer out,
      String source)
      throws IOException {
    FLACDecoder decoder = new FLACDecoder(input);
    decoder.readMetadata();
    long frames = 0;
    long remaining = totalSamples > 0 ? totalSamples : Long.MAX_VALUE;
    Frame frame;
    while (remaining > 0 && (frame = decoder.readNextFrame()) != null) {
      if (++frames * MIN_FRAME_BYTES > counted.count() + READ_AHEAD_SLACK) {
        throw new AudioDecodingException(source, "FLAC decoder stopped making progress");
      }
      Header header = frame.header;
      int count = (int) Math.min(header.blockSize, remaining);
      float[] samples = out.reserve(count);
      toMono(decoder.getChannelData(), header.channels, header.bitsPerSample, count, samples,
          out.size());
      out.advance(count);
      remaining -= count;
    }
  }

  private static void toMono(
      ChannelData[] data, int channels, int bitsPerSample, int count, float[] out, int at) {
    float scale = (float) (1.0 / (channels * (double) (1L << (bitsPerSample - 1))));
    int[] first = data[0].getOutput();
    if (channels == 1) {
      for (int i = 0; i < count; i++) {
        out[at + i] = clamp(first[i] * scale);
      }
      return;
    }
    for (int i = 0; i < count; i++) {
      long sum = first[i];
      for (int c = 1; c < channels; c++) {
        sum += data[c].getOutput()[i];
      }
      out[at + i] = clamp(sum * scale);
    }
  }

  /** Valid frames stay within their bit depth; a corrupt one that slips past the CRC may not. */
  private static float clamp(float v) {
    return Math.max(-1f, Math.min(1f, v));
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }

  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
