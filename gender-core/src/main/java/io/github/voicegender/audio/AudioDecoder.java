package io.github.voicegender.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Decodes WAV and FLAC audio to a mono {@link AudioClip}: channels are averaged, samples scaled
 * to [-1, 1]. The format is recognised by content, not by file name.
 *
 * <p>Every failure (unreadable, empty, truncated, corrupt, unsupported or not audio at all) is an
 * {@link AudioDecodingException} naming the source and the reason. Memory follows the data
 * actually present, never a length a header claims, and a decode that would exceed the maximum
 * duration fails instead of exhausting memory.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AudioDecoder {

  /**
   * Longest audio one decode may produce unless configured otherwise. Independently of it, a
   * clip never exceeds 2^28 samples (1 GiB of floats; 1.5 hours at 48 kHz).
   */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(4);

  private static final int BUFFER_BYTES = 1 << 16;
  /** Files up to this size (minutes of audio) are read whole; larger ones are streamed. */
  private static final long IN_MEMORY_FILE_BYTES = 8 << 20;
  private static final int SNIFF_BYTES = 12;
  private static final int ID3_HEADER_BYTES = 10;

  private final DecodeLimits limits;

  /** A decoder that accepts up to {@link #DEFAULT_MAX_DURATION} of audio per clip. */
  public AudioDecoder() {
    this(DEFAULT_MAX_DURATION);
  }

  /**
   * @param maxDuration longest audio accepted; longer input fails with an {@link
   *     AudioDecodingException}
   */
  public AudioDecoder(Duration maxDuration) {
    if (maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("maxDuration must be positive: " + maxDuration);
    }
    this.limits = new DecodeLimits(maxDuration);
  }

  /**
   * Decodes a WAV or FLAC file at its own sample rate.
   *
   * @throws AudioDecodingException if the file cannot be read or decoded
   */
  public AudioClip decode(Path file) throws AudioDecodingException {
    String source = file.toString();
    try {
      long size = Files.size(file);
      if (size <= IN_MEMORY_FILE_BYTES) {
        // One read, no stream buffer, and the FLAC decoder works on the bytes in place.
        byte[] data = Files.readAllBytes(file);
        return decode(new InMemoryInput(data), source, data.length);
      }
    } catch (AudioDecodingException e) {
      throw e;
    } catch (IOException e) {
      throw new AudioDecodingException(source, "cannot be read (" + e + ")", e);
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
      return decode(in, source, Files.size(file));
    } catch (AudioDecodingException e) {
      throw e;
    } catch (IOException e) {
      throw new AudioDecodingException(source, "cannot be read (" + e + ")", e);
    }
  }

  /**
   * Decodes WAV or FLAC bytes, such as an upload, at their own sample rate.
   *
   * @param sourceName how to name the data in error messages
   * @throws AudioDecodingException if the data cannot be decoded
   */
  public AudioClip decode(byte[] data, String sourceName) throws AudioDecodingException {
    try {
      return decode(new InMemoryInput(data), sourceName, data.length);
    } catch (AudioDecodingException e) {
      throw e;
    } catch (IOException e) {
      throw new AudioDecodingException(sourceName, "cannot be read (" + e + ")", e);
    }
  }

  /**
   * Decodes a WAV or FLAC stream at its own sample rate, reading it to the end of the audio. The
   * stream is not closed.
   *
   * @param sourceName how to name the stream in error messages
   * @throws AudioDecodingException if the stream cannot be read or decoded
   */
  public AudioClip decode(InputStream in, String sourceName) throws AudioDecodingException {
    try {
      return decode(new BufferedInputStream(in, BUFFER_BYTES), sourceName, -1);
    } catch (AudioDecodingException e) {
      throw e;
    } catch (IOException e) {
      throw new AudioDecodingException(sourceName, "cannot be read (" + e + ")", e);
    }
  }

  /**
   * Decodes a WAV or FLAC file and resamples it to {@code targetSampleRate} (no resampling when
   * the file already has that rate).
   *
   * @throws AudioDecodingException if the file cannot be read or decoded
   */
  public AudioClip load(Path file, int targetSampleRate) throws AudioDecodingException {
    return Resampler.resample(decode(file), targetSampleRate);
  }

  /** {@code in} must support mark/reset. */
  private AudioClip decode(InputStream in, String source, long size) throws IOException {
    byte[] head = peek(in);
    if (head.length == 0) {
      throw new AudioDecodingException(source, "is empty (0 bytes)");
    }
    if (startsWith(head, "ID3")) {
      // FLAC files may carry an ID3v2 tag in front; MP3s nearly always do.
      long tagBytes = skipId3Tag(in, source);
      head = peek(in);
      if (!startsWith(head, "fLaC")) {
        throw notAudio(source, "MP3 or other ID3-tagged audio");
      }
      return FlacDecoder.decode(in, source, size < 0 ? -1 : size - tagBytes, limits);
    }
    boolean riff = startsWith(head, "RIFF") || startsWith(head, "RF64");
    if (riff && (head.length < SNIFF_BYTES || matches(head, 8, "WAVE"))) {
      return WavDecoder.decode(in, source, size, limits);
    }
    if (startsWith(head, "fLaC")) {
      return FlacDecoder.decode(in, source, size, limits);
    }
    throw notAudio(source, guessFormat(head));
  }

  private static byte[] peek(InputStream in) throws IOException {
    in.mark(SNIFF_BYTES);
    byte[] head = new byte[SNIFF_BYTES];
    int n = StreamReading.readFully(in, head, 0, SNIFF_BYTES);
    in.reset();
    return n == SNIFF_BYTES ? head : Arrays.copyOf(head, n);
  }

  private static long skipId3Tag(InputStream in, String source) throws IOException {
    byte[] header = new byte[ID3_HEADER_BYTES];
    if (StreamReading.readFully(in, header, 0, ID3_HEADER_BYTES) < ID3_HEADER_BYTES) {
      throw notAudio(source, "a truncated ID3 tag");
    }
    long size = 0;
    for (int i = 6; i < 10; i++) {
      size = size << 7 | (header[i] & 0x7f); // "syncsafe": 7 bits per byte
    }
    boolean hasFooter = (header[5] & 0x10) != 0;
    long body = size + (hasFooter ? ID3_HEADER_BYTES : 0);
    if (StreamReading.skipFully(in, body) < body) {
      throw notAudio(source, "a truncated ID3 tag");
    }
    return ID3_HEADER_BYTES + body;
  }

  /** Names common non-WAV/FLAC formats so the message tells the user what they actually have. */
  private static String guessFormat(byte[] head) {
    if (startsWith(head, "OggS")) {
      return "Ogg (Vorbis/Opus)";
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xe0) == 0xe0) {
      return "MP3 or AAC";
    }
    if (matches(head, 4, "ftyp")) {
      return "MP4/M4A";
    }
    if (head.length >= 4 && (head[0] & 0xff) == 0x1a && (head[1] & 0xff) == 0x45
        && (head[2] & 0xff) == 0xdf && (head[3] & 0xff) == 0xa3) {
      return "WebM/Matroska";
    }
    if (startsWith(head, "FORM")) {
      return "AIFF";
    }
    if (startsWith(head, "RIFF")) {
      return "a RIFF file that is not WAVE";
    }
    return null;
  }

  private static AudioDecodingException notAudio(String source, String guess) {
    return new AudioDecodingException(
        source,
        guess == null
            ? "not a WAV or FLAC file"
            : "not a WAV or FLAC file (looks like " + guess + "; convert it to WAV or FLAC)");
  }

  private static boolean startsWith(byte[] head, String magic) {
    return matches(head, 0, magic);
  }

  private static boolean matches(byte[] head, int at, String magic) {
    if (head.length < at + magic.length()) {
      return false;
    }
    for (int i = 0; i < magic.length(); i++) {
      if (head[at + i] != magic.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
