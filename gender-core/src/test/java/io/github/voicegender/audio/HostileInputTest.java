package io.github.voicegender.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.voicegender.audio.WavBuilder.Encoding;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

class HostileInputTest {

  private static final long MEGABYTE = 1 << 20;
  private final AudioDecoder decoder = new AudioDecoder();

  @Test
  void emptyFile(@TempDir Path dir) throws Exception {
    Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);

    assertFailure(empty.toString(), "is empty (0 bytes)", () -> decoder.decode(empty));
  }

  @Test
  void missingFile(@TempDir Path dir) {
    Path missing = dir.resolve("missing.flac");

    AudioDecodingException e =
        assertThrows(AudioDecodingException.class, () -> decoder.decode(missing));
    assertTrue(e.getMessage().startsWith(missing + ": cannot be read"), e.getMessage());
  }

  @Test
  void textFile(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("notes.wav"), "hello, this is not audio\n");

    assertFailure(text.toString(), "not a WAV or FLAC file", () -> decoder.decode(text));
  }

  @Test
  void otherAudioFormatsAreNamed() {
    assertFailure(
        "a.ogg",
        "not a WAV or FLAC file (looks like Ogg (Vorbis/Opus); convert it to WAV or FLAC)",
        () -> decoder.decode(ascii("OggS\0\2\0\0\0\0\0\0\0\0"), "a.ogg"));
    byte[] webm = {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, 0, 0, 0, 0, 0, 0, 0, 0};
    assertFailure(
        "rec.webm",
        "not a WAV or FLAC file (looks like WebM/Matroska; convert it to WAV or FLAC)",
        () -> decoder.decode(webm, "rec.webm"));
  }

  @Test
  void truncatedHeaders() {
    byte[] wav = new WavBuilder(Encoding.PCM_16, 16000).channels(new double[100]).build();
    byte[] flac = TestAudio.resource("mono-8k-24bit.flac");

    assertFailure("w", "truncated WAV header", () -> decoder.decode(Arrays.copyOf(wav, 8), "w"));
    assertFailure(
        "w", "truncated WAV header (fmt chunk)", () -> decoder.decode(Arrays.copyOf(wav, 30), "w"));
    assertFailure("w", "no data chunk", () -> decoder.decode(Arrays.copyOf(wav, 40), "w"));
    assertFailure(
        "f", "truncated FLAC metadata", () -> decoder.decode(Arrays.copyOf(flac, 20), "f"));
  }

  @Test
  void zeroLengthData(@TempDir Path dir) throws Exception {
    Path file =
        Files.write(
            dir.resolve("silent.wav"),
            new WavBuilder(Encoding.PCM_16, 16000).channels(new double[0]).build());

    assertFailure(file.toString(), "contains no audio samples", () -> decoder.decode(file));
  }

  @Test
  void wavClaimingFourGigabytesAllocatesOnlyForWhatIsThere() throws Exception {
    byte[] wav =
        new WavBuilder(Encoding.PCM_16, 16000)
            .channels(new double[1000])
            .declaredDataSize(0xFFFFFFF0L)
            .build();

    long allocated = allocatedBytes(() -> decoder.decode(wav, "huge.wav"));
    assertTrue(allocated < 2 * MEGABYTE, allocated + " bytes allocated");
    assertEquals(1000, decoder.decode(wav, "huge.wav").samples().length);
    long streamed =
        allocatedBytes(() -> decoder.decode(new ByteArrayInputStream(wav), "huge.wav"));
    assertTrue(streamed < 8 * MEGABYTE, streamed + " bytes allocated");
  }

  @Test
  void flacClaimingBillionsOfSamplesAllocatesOnlyForWhatIsThere() throws Exception {
    byte[] flac = TestAudio.resource("mono-8k-24bit.flac");
    // STREAMINFO total samples: the low 36 bits of bytes 21..25 (after "fLaC" and a block header).
    flac[21] |= 0x0f;
    Arrays.fill(flac, 22, 26, (byte) 0xff);

    long allocated = allocatedBytes(() -> decoder.decode(flac, "huge.flac"));
    assertTrue(allocated < 4 * MEGABYTE, allocated + " bytes allocated");
    assertEquals(2400, decoder.decode(flac, "huge.flac").samples().length);
  }

  @Test
  void audioLongerThanTheLimitFailsClearly() {
    byte[] twoSeconds = new WavBuilder(Encoding.PCM_16, 8000).channels(new double[16000]).build();
    AudioDecoder oneSecondMax = new AudioDecoder(Duration.ofSeconds(1));

    assertFailure(
        "long.wav",
        "longer than the maximum decodable duration of 1 s",
        () -> oneSecondMax.decode(twoSeconds, "long.wav"));
  }

  @Test
  void anEndlessFlacStreamIsRefusedOnceItOutgrowsTheLimit() throws Exception {
    byte[] flac = TestAudio.resource("mono-8k-24bit.flac");
    long[] served = new long[1];
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        served[0]++;
        return 0;
      }
    };
    AudioDecoder oneSecondMax = new AudioDecoder(Duration.ofSeconds(1));

    AudioDecodingException e = assertThrows(AudioDecodingException.class, () -> oneSecondMax.decode(
        new java.io.SequenceInputStream(new ByteArrayInputStream(flac), endless), "endless.flac"));

    assertTrue(e.getMessage().startsWith("endless.flac: longer than the maximum decodable duration of 1 s"),
        e.getMessage());
    // 1 s of 24-bit mono at 8 kHz stored verbatim is 24 kB: reading stops near the cap, not at the end.
    assertTrue(served[0] < 4 * MEGABYTE, served[0] + " bytes read");
  }

  @Test
  void implausibleSampleRate() {
    byte[] wav = new WavBuilder(Encoding.PCM_16, 1).channels(new double[10]).build();

    assertFailure(
        "r.wav",
        "unsupported sample rate 1 Hz (expected 1000 to 1000000)",
        () -> decoder.decode(wav, "r.wav"));
  }

  @Test
  void randomBytesBehindValidMagic() {
    Random random = new Random(42);
    for (String magic : new String[] {"RIFF\0\0\0\0WAVE", "fLaC", ""}) {
      for (int i = 0; i < 50; i++) {
        byte[] noise = new byte[random.nextInt(5000)];
        random.nextBytes(noise);
        byte[] data = concat(ascii(magic), noise);
        decodeOrFailCleanly(data, "random-" + i);
      }
    }
  }

  @Test
  void fuzzedWav() {
    byte[] wav =
        new WavBuilder(Encoding.PCM_16, 16000)
            .channels(
                toDouble(Signals.tone(300, 0.5, 16000, 800)),
                toDouble(Signals.tone(500, 0.5, 16000, 800)))
            .chunkBeforeData("LIST", 11)
            .build();
    fuzz(wav, 300, 1);
  }

  @Test
  void fuzzedFlac() {
    fuzz(TestAudio.resource("stereo-44k-16bit.flac"), 150, 2);
    fuzz(TestAudio.resource("mono-8k-24bit.flac"), 150, 3);
  }

  /** Bit flips (mostly in the headers, where they do most harm) and truncations. */
  private void fuzz(byte[] valid, int variants, long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < variants; i++) {
      byte[] data = valid.clone();
      int flips = 1 + random.nextInt(8);
      for (int f = 0; f < flips; f++) {
        int at = random.nextBoolean() ? random.nextInt(Math.min(100, data.length))
            : random.nextInt(data.length);
        data[at] ^= (byte) (1 << random.nextInt(8));
      }
      if (random.nextInt(3) == 0) {
        data = Arrays.copyOf(data, random.nextInt(data.length));
      }
      decodeOrFailCleanly(data, "fuzz-" + seed + "-" + i);
    }
  }

  /** Either a valid clip or an AudioDecodingException naming the source; quickly, either way. */
  private void decodeOrFailCleanly(byte[] data, String source) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          try {
            AudioClip clip = decoder.decode(data, source);
            assertTrue(clip.samples().length > 0, source);
            assertTrue(clip.sampleRate() >= 1000 && clip.sampleRate() <= 1_000_000, source);
            for (float v : clip.samples()) {
              if (!(v >= -1f && v <= 1f)) {
                fail(source + ": sample out of range: " + v);
              }
            }
          } catch (AudioDecodingException e) {
            assertTrue(e.getMessage().startsWith(source + ": "), e.getMessage());
            assertEquals(source, e.source());
          }
        },
        source);
  }

  private static void assertFailure(String source, String reason, Executable decode) {
    AudioDecodingException e = assertThrows(AudioDecodingException.class, decode);
    assertEquals(source + ": " + reason, e.getMessage());
    assertEquals(reason, e.reason());
  }

  private static long allocatedBytes(Executable work) throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    try {
      work.execute();
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
