package io.github.voicegender.audio;

import static io.github.voicegender.audio.StreamReading.readFully;
import static io.github.voicegender.audio.StreamReading.skipFully;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * FLAC reader (RFC 9639), down-mixed to mono: every bit depth from 4 to 32 bits, 1 to 8 channels
 * with left/side, side/right and mid/side stereo, fixed and variable block sizes, CONSTANT,
 * VERBATIM, FIXED and LPC subframes, wasted bits, Rice and Rice2 residuals with escape partitions.
 *
 * <p>Speed: the frames are read into memory (FLAC files hold a few bits per sample, and memory then
 * follows the data present, not a length a header claims) and decoded by {@link FlacBitReader},
 * whose Rice decoding takes a unary prefix in one {@link Long#numberOfLeadingZeros}. That is most
 * of why it runs about 2.3 to 2.5 times as fast as jflac (same run, BENCHMARKS.md), which reads
 * Rice codes bit by bit; jflac stays on as the tests' reference decoder.
 *
 * <p>Safety: metadata blocks other than STREAMINFO are skipped without being buffered; each frame
 * is checked against its header's CRC-8 and its own CRC-16, so corrupt data fails with the frame
 * and sample offset named; decoding stops at STREAMINFO's total when it is known; and output grows
 * through {@link SampleBuffer}, which enforces the maximum duration before a frame is decoded.
 * Data that ends inside a frame keeps the complete frames before it, as a WAV file cut short does.
 */
final class FlacDecoder {

  private static final int STREAMINFO = 0;
  private static final int INVALID_BLOCK_TYPE = 127;
  private static final int MIN_BITS_PER_SAMPLE = 4;
  /** An ID3v1 tag some tools append after the last frame. */
  private static final int ID3V1_LENGTH = 128;
  private static final int INITIAL_READ = 1 << 16;

  private FlacDecoder() {}

  /**
   * @param in positioned at the "fLaC" marker; read to its end
   * @param inputSize total bytes in {@code in} when known, else -1; only sizes buffers
   */
  static AudioClip decode(InputStream in, String source, long inputSize, DecodeLimits limits)
      throws IOException {
    byte[] magic = new byte[4];
    if (readFully(in, magic, 0, 4) < 4
        || magic[0] != 'f' || magic[1] != 'L' || magic[2] != 'a' || magic[3] != 'C') {
      throw new AudioDecodingException(source, "not a FLAC file (no fLaC marker)");
    }
    long[] metadataBytes = new long[1];
    FlacStreamInfo info = FlacStreamInfo.parse(readMetadata(in, source, metadataBytes));
    DecodeLimits.checkSampleRate(source, info.sampleRate());
    if (info.bitsPerSample() < MIN_BITS_PER_SAMPLE) {
      throw new AudioDecodingException(
          source, "unsupported FLAC bit depth " + info.bitsPerSample() + " (at least 4)");
    }
    byte[] data;
    int start = 0;
    int length;
    if (in instanceof InMemoryInput memory) {
      data = memory.array();
      start = memory.position();
      length = memory.end();
      memory.consumeAll();
    } else {
      data = readRest(in, inputSize > 0 ? inputSize - 4 - metadataBytes[0] : -1,
          maxFrameBytes(info, limits), source, limits.describe(info.sampleRate()));
      length = data.length;
    }

    // Speech FLAC holds 1 to 2 bytes per sample; the buffer grows if that guess is short.
    long initialCapacity = Math.max(length - start, 1 << 12) * 2L;
    if (info.totalSamples() > 0) {
      initialCapacity = Math.min(initialCapacity, info.totalSamples());
    }
    SampleBuffer out = new SampleBuffer(source, initialCapacity,
        limits.maxSamples(info.sampleRate()), limits.describe(info.sampleRate()));
    decodeFrames(data, start, length, info, out, source);
    if (out.size() == 0) {
      throw new AudioDecodingException(source, "contains no audio samples");
    }
    return new AudioClip(out.toArray(), info.sampleRate());
  }

  private static void decodeFrames(
      byte[] data, int start, int length, FlacStreamInfo info, SampleBuffer out, String source)
      throws AudioDecodingException {
    FlacBitReader reader = new FlacBitReader(data, length);
    FlacFrameDecoder frames = new FlacFrameDecoder(reader);
    long remaining = info.totalSamples() > 0 ? info.totalSamples() : Long.MAX_VALUE;
    int at = start;
    long frame = 0;
    while (remaining > 0 && at < length) {
      if (!FlacFrameHeader.syncAt(data, at, length)) {
        if (isId3v1Tag(data, at, length)) {
          break;
        }
        throw frameError(source, frame, out, "no frame sync code at byte " + (at - start) + " of the frames");
      }
      try {
        FlacFrameHeader header = FlacFrameHeader.parse(data, at, length, info);
        checkAgainstStreamInfo(header, info);
        int count = (int) Math.min(header.blockSize(), remaining);
        float[] samples = out.reserve(count);
        reader.seek(at + header.length());
        frames.decode(header);
        int end = reader.bytePosition();
        if (end + 2 > length) {
          throw FlacStreamException.truncated();
        }
        if (FlacCrc.crc16(data, at, end) != ((data[end] & 0xff) << 8 | data[end + 1] & 0xff)) {
          throw FlacStreamException.corrupt("CRC-16 mismatch");
        }
        toMono(frames.samples(), header.channels(), header.bitsPerSample(), count, samples,
            out.size());
        out.advance(count);
        remaining -= count;
        at = end + 2;
        frame++;
      } catch (FlacStreamException e) {
        if (e.isTruncated() && out.size() > 0) {
          break;
        }
        throw frameError(source, frame, out,
            e.isTruncated() ? "truncated FLAC stream" : e.getMessage());
      }
    }
  }

  private static void checkAgainstStreamInfo(FlacFrameHeader header, FlacStreamInfo info)
      throws FlacStreamException {
    if (header.sampleRate() != info.sampleRate() || header.channels() != info.channels()
        || header.bitsPerSample() != info.bitsPerSample()) {
      throw FlacStreamException.corrupt(
          "frame format " + header.sampleRate() + " Hz, " + header.channels() + " channels, "
              + header.bitsPerSample() + " bits differs from STREAMINFO's " + info.sampleRate()
              + " Hz, " + info.channels() + " channels, " + info.bitsPerSample() + " bits");
    }
  }

  private static AudioDecodingException frameError(
      String source, long frame, SampleBuffer out, String reason) {
    return new AudioDecodingException(
        source, "corrupt FLAC frame " + frame + " at sample " + out.size() + " (" + reason + ")");
  }

  private static boolean isId3v1Tag(byte[] data, int at, int length) {
    return length - at == ID3V1_LENGTH
        && data[at] == 'T' && data[at + 1] == 'A' && data[at + 2] == 'G';
  }

  /** Skips every metadata block but STREAMINFO, which it returns (34 bytes). */
  private static byte[] readMetadata(InputStream in, String source, long[] bytesRead)
      throws IOException {
    byte[] blockHeader = new byte[4];
    byte[] streamInfo = null;
    boolean last = false;
    while (!last) {
      if (readFully(in, blockHeader, 0, 4) < 4) {
        throw new AudioDecodingException(source, "truncated FLAC metadata");
      }
      last = (blockHeader[0] & 0x80) != 0;
      int type = blockHeader[0] & 0x7f;
      int length = (blockHeader[1] & 0xff) << 16 | (blockHeader[2] & 0xff) << 8
          | blockHeader[3] & 0xff;
      if (streamInfo == null) {
        if (type != STREAMINFO || length != FlacStreamInfo.LENGTH) {
          throw new AudioDecodingException(source, "FLAC STREAMINFO block missing");
        }
        streamInfo = new byte[FlacStreamInfo.LENGTH];
        if (readFully(in, streamInfo, 0, length) < length) {
          throw new AudioDecodingException(source, "truncated FLAC metadata");
        }
      } else if (type == INVALID_BLOCK_TYPE) {
        throw new AudioDecodingException(source, "invalid FLAC metadata block type 127");
      } else if (skipFully(in, length) < length) {
        throw new AudioDecodingException(source, "truncated FLAC metadata");
      }
      bytesRead[0] += 4 + length;
    }
    return streamInfo;
  }

  /**
   * The rest of the stream. {@code expected}, when known, sizes the buffer in one go; it is only a
   * hint (capped, and the buffer grows as data really arrives), never trusted for an allocation.
   */
  /**
   * The most frame data a stream within the duration limit can hold: every sample stored verbatim,
   * plus a quarter for frame and subframe headers (tiny blocks) and a megabyte of slack. Reading
   * stops there, so a stream too long to decode is refused before all of it is in memory.
   */
  private static long maxFrameBytes(FlacStreamInfo info, DecodeLimits limits) {
    long bytesPerSample = (info.bitsPerSample() + 7) / 8;
    return limits.maxSamples(info.sampleRate()) * info.channels() * bytesPerSample * 5 / 4 + (1 << 20);
  }

  private static byte[] readRest(InputStream in, long expected, long maxBytes, String source,
      String limitDescription) throws IOException {
    int capacity = (int) Math.min(Math.min(expected > 0 ? expected : INITIAL_READ, maxBytes), 1 << 26);
    byte[] data = new byte[Math.max(capacity, 16)];
    int length = 0;
    while (true) {
      length += readFully(in, data, length, data.length - length);
      if (length < data.length) {
        return Arrays.copyOf(data, length);
      }
      int next = in.read();
      if (next < 0) {
        return data; // exactly the expected size: no copy
      }
      if (data.length >= Math.min(maxBytes, Integer.MAX_VALUE - 8)) {
        throw new AudioDecodingException(source, "longer than the maximum decodable duration of "
            + limitDescription + " (more than " + data.length + " bytes of FLAC frames)");
      }
      data = Arrays.copyOf(data, (int) Math.min(Math.min(maxBytes, Integer.MAX_VALUE - 8), 2L * data.length));
      data[length++] = (byte) next;
    }
  }

  /** Averages the channels and scales to [-1, 1], as {@link WavDecoder} does. */
  private static void toMono(
      long[][] channels, int channelCount, int bitsPerSample, int count, float[] out, int at) {
    float scale = (float) (1.0 / (channelCount * (double) (1L << (bitsPerSample - 1))));
    long[] first = channels[0];
    if (channelCount == 1) {
      // The scale is a power of two here, so clamping the integer to the full-scale range gives
      // exactly the floats that clamping the scaled value would, with cheaper comparisons.
      long lowest = -(1L << (bitsPerSample - 1));
      long highest = -lowest;
      for (int i = 0; i < count; i++) {
        long v = first[i];
        out[at + i] = (v < lowest ? lowest : v > highest ? highest : v) * scale;
      }
      return;
    }
    for (int i = 0; i < count; i++) {
      long sum = first[i];
      for (int c = 1; c < channelCount; c++) {
        sum += channels[c][i];
      }
      out[at + i] = clamp(sum * scale);
    }
  }

  /** Valid frames stay within their bit depth; a corrupt one that slips past the CRC may not. */
  private static float clamp(float v) {
    return Math.max(-1f, Math.min(1f, v));
  }
}
