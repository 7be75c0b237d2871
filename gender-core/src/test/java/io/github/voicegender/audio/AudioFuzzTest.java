package io.github.voicegender.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.voicegender.audio.WavBuilder.Encoding;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test of the decoders under hostile input: thousands of mutated WAV and FLAC files (bit
 * flips, truncations, overwritten ranges, extreme header integers, spliced and random bytes), each
 * with a fixed seed. Every case must end in a valid clip or an {@link AudioDecodingException} that
 * names the source, quickly and within bounded memory: never a hang, an {@link OutOfMemoryError} or
 * another exception type. A failure message names the case, so it can be replayed from its seed.
 */
class AudioFuzzTest {

  /** Per batch; a batch of a few hundred cases normally takes well under a second. */
  private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(20);
  /** No case may allocate more than this (inputs are a few KB; the guards follow the data). */
  private static final long MAX_ALLOCATED_BYTES = 96L << 20;

  private final AudioDecoder decoder = new AudioDecoder();
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private int decoded;
  private int rejected;

  @Test
  void mutatedWavInEveryEncoding() {
    List<byte[]> seeds = new ArrayList<>();
    double[] left = toDouble(Signals.tone(300, 0.5, 16000, 600));
    double[] right = toDouble(Signals.tone(500, 0.5, 16000, 600));
    for (Encoding encoding : Encoding.values()) {
      seeds.add(new WavBuilder(encoding, 16000).channels(left).build());
      seeds.add(new WavBuilder(encoding, 22050).channels(left, right).extensible().build());
    }
    seeds.add(new WavBuilder(Encoding.PCM_16, 16000).channels(left).rf64().declaredDataSize(0xFFFFFFFFL)
        .build());
    seeds.add(new WavBuilder(Encoding.PCM_24, 8000).channels(left, right).chunkBeforeFmt("JUNK", 27)
        .chunkBeforeData("LIST", 11).build());
    int cases = 0;
    for (int s = 0; s < seeds.size(); s++) {
      cases += fuzzBatch(seeds.get(s), "wav" + s, 1000 + s, 300);
    }
    assertEquals(14 * 300, cases);
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    assertTrue(decoded > 100 && rejected > 100, decoded + " decoded, " + rejected + " rejected");
  }

  @Test
  void mutatedFlac() {
    int cases = 0;
    cases += fuzzBatch(TestAudio.resource("stereo-44k-16bit.flac"), "flac-stereo", 2000, 1500);
    cases += fuzzBatch(TestAudio.resource("mono-8k-24bit.flac"), "flac-mono", 3000, 1500);
    assertEquals(3000, cases);
    assertTrue(decoded > 50 && rejected > 300, decoded + " decoded, " + rejected + " rejected");
  }

  @Test
  void randomBytesWithAndWithoutMagic() {
    String[] magics = {"", "RIFF", "RIFF\0\0\0\0WAVE", "RIFF\u00ff\u00ff\u00ff\u00ffWAVEfmt ",
        "RF64\u00ff\u00ff\u00ff\u00ffWAVEds64", "fLaC", "fLaC\0\0\0\"", "ID3\4\0\0\0\0\0\0fLaC",
        "ID3\4\0\u0010\u007f\u007f\u007f\u007f"};
    Random random = new Random(4242);
    assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
      for (int m = 0; m < magics.length; m++) {
        for (int i = 0; i < 200; i++) {
          byte[] noise = new byte[random.nextInt(i % 10 == 0 ? 20 : 6000)];
          random.nextBytes(noise);
          byte[] magic = magics[m].getBytes(StandardCharsets.ISO_8859_1);
          byte[] data = Arrays.copyOf(magic, magic.length + noise.length);
          System.arraycopy(noise, 0, data, magic.length, noise.length);
          check(data, "random-" + m + "-" + i);
        }
      }
    });
    assertEquals(9 * 200, decoded + rejected);
  }

  @Test
  void mutatedFilesThroughPathAndStream(@TempDir Path dir) throws Exception {
    byte[] wav = new WavBuilder(Encoding.PCM_16, 16000).channels(toDouble(Signals.tone(200, 0.3, 16000, 400)))
        .build();
    byte[] flac = TestAudio.resource("mono-8k-24bit.flac");
    Random random = new Random(5000);
    assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
      for (int n = 0; n < 300; n++) {
        int i = n;
        byte[] data = mutate(i % 2 == 0 ? wav : flac, random);
        Path file = Files.write(dir.resolve("case-" + i + (i % 2 == 0 ? ".wav" : ".flac")), data);
        String source = file.toString();
        AudioClip fromFile = decodeBounded(() -> decoder.decode(file), source);
        AudioClip fromStream = decodeBounded(
            () -> decoder.decode(new ByteArrayInputStream(data), "stream-" + i), "stream-" + i);
        // The three entry points agree on every input: the same clip, or all three refuse it.
        AudioClip fromBytes = decodeBounded(() -> decoder.decode(data, "bytes-" + i), "bytes-" + i);
        assertEquals(fromBytes == null, fromFile == null, source);
        assertEquals(fromBytes == null, fromStream == null, source);
        if (fromBytes != null) {
          assertEquals(fromBytes.sampleRate(), fromFile.sampleRate(), source);
          assertTrue(Arrays.equals(fromBytes.samples(), fromFile.samples()), source);
          assertTrue(Arrays.equals(fromBytes.samples(), fromStream.samples()), source);
        }
      }
    });
  }

  private int fuzzBatch(byte[] valid, String name, long seed, int variants) {
    // The unmutated file decodes: the mutations start from valid input.
    AudioClip original = assertTimeoutPreemptively(BATCH_TIMEOUT, () -> decoder.decode(valid, name));
    assertTrue(original.samples().length > 0);
    Random random = new Random(seed);
    assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
      for (int i = 0; i < variants; i++) {
        check(mutate(valid, random), name + "-seed" + seed + "-" + i);
      }
    }, name);
    return variants;
  }

  /** One to three mutations of a copy of {@code valid}, most of them near the headers. */
  static byte[] mutate(byte[] valid, Random random) {
    byte[] data = valid.clone();
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations && data.length > 0; m++) {
      int at = random.nextInt(3) > 0 ? random.nextInt(Math.min(128, data.length)) : random.nextInt(data.length);
      switch (random.nextInt(7)) {
        case 0 -> { // bit flips
          int flips = 1 + random.nextInt(8);
          for (int f = 0; f < flips; f++) {
            int where = Math.min(data.length - 1, at + random.nextInt(16));
            data[where] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> data = Arrays.copyOf(data, random.nextInt(data.length)); // truncation
        case 2 -> { // an extreme integer over a header field
          int[] extremes = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1, 0x7FFFFFF0, 65535, 2, 3};
          if (at + 4 <= data.length) {
            ByteBuffer.wrap(data, at, 4).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN).putInt(extremes[random.nextInt(extremes.length)]);
          }
        }
        case 3 -> { // a range overwritten with random bytes, zeros or ones
          int length = Math.min(data.length - at, 1 + random.nextInt(64));
          int kind = random.nextInt(3);
          for (int i = at; i < at + length; i++) {
            data[i] = kind == 0 ? (byte) random.nextInt() : kind == 1 ? 0 : (byte) 0xff;
          }
        }
        case 4 -> { // a range deleted
          int length = Math.min(data.length - at, 1 + random.nextInt(32));
          byte[] shorter = new byte[data.length - length];
          System.arraycopy(data, 0, shorter, 0, at);
          System.arraycopy(data, at + length, shorter, at, data.length - at - length);
          data = shorter;
        }
        case 5 -> { // a range duplicated (repeated chunk or frame headers)
          int length = Math.min(data.length - at, 1 + random.nextInt(200));
          byte[] longer = new byte[data.length + length];
          System.arraycopy(data, 0, longer, 0, at + length);
          System.arraycopy(data, at, longer, at + length, data.length - at);
          data = longer;
        }
        default -> { // a single byte set to a random value
          data[at] = (byte) random.nextInt();
        }
      }
    }
    return data;
  }

  private void check(byte[] data, String source) {
    AudioClip clip = decodeBounded(() -> decoder.decode(data, source), source);
    if (clip == null) {
      rejected++;
    } else {
      decoded++;
    }
  }

  private interface Decode {
    AudioClip run() throws Exception;
  }

  /** The clip when it decodes (checked valid); null after a clean AudioDecodingException. */
  private AudioClip decodeBounded(Decode decode, String source) {
    long before = threads.getCurrentThreadAllocatedBytes();
    AudioClip clip;
    try {
      clip = decode.run();
    } catch (AudioDecodingException e) {
      assertTrue(e.getMessage().startsWith(source + ": ") || e.getMessage().startsWith(e.source() + ": "),
          e.getMessage());
      assertTrue(e.source().endsWith(source) || source.endsWith(e.source()), e.source() + " vs " + source);
      assertTrue(e.reason() != null && !e.reason().isBlank(), source);
      clip = null;
    } catch (Throwable t) {
      throw new AssertionError(source + ": unexpected " + t, t);
    } finally {
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      if (allocated > MAX_ALLOCATED_BYTES) {
        fail(source + ": " + allocated + " bytes allocated for " + "a small input");
      }
    }
    if (clip != null) {
      assertTrue(clip.samples().length > 0, source);
      assertTrue(clip.sampleRate() >= 1000 && clip.sampleRate() <= 1_000_000, source);
      for (float v : clip.samples()) {
        if (!(v >= -1f && v <= 1f)) {
          fail(source + ": sample out of range: " + v);
        }
      }
    }
    return clip;
  }

  private static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }
}
