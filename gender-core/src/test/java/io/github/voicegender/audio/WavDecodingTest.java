package io.github.voicegender.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.audio.WavBuilder.Encoding;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WavDecodingTest {

  private static final int RATE = 22050;
  private final AudioDecoder decoder = new AudioDecoder();

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void decodesEveryEncodingToTheWrittenSamples(Encoding encoding) throws Exception {
    float[] tone = Signals.tone(440, 0.8, RATE, 2205);
    AudioClip clip = decoder.decode(new WavBuilder(encoding, RATE).mono(tone).build(), "t.wav");

    assertEquals(RATE, clip.sampleRate());
    assertEquals(2205, clip.samples().length);
    assertEquals(0, maxError(tone, clip.samples()), encoding.quantisationError());
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void decodesExtensibleFormatLikeThePlainOne(Encoding encoding) throws Exception {
    float[] tone = Signals.tone(1000, 0.5, RATE, 1000);
    AudioClip plain = decoder.decode(new WavBuilder(encoding, RATE).mono(tone).build(), "p.wav");
    AudioClip extensible =
        decoder.decode(new WavBuilder(encoding, RATE).mono(tone).extensible().build(), "x.wav");

    assertArrayEquals(plain.samples(), extensible.samples());
  }

  @Test
  void mapsEightBitUnsignedAroundMidScale() throws Exception {
    AudioClip clip =
        decoder.decode(
            new WavBuilder(Encoding.PCM_U8, 8000).channels(new double[] {-1, 0, 0.5, 1}).build(),
            "u8.wav");

    // 8-bit full scale is 127/128: the largest positive byte is 255.
    assertArrayEquals(new float[] {-1f, 0f, 0.5f, 127f / 128}, clip.samples());
  }

  @Test
  void fullScaleNegativeIsExactlyMinusOneAtEveryDepth() throws Exception {
    for (Encoding encoding : Encoding.values()) {
      AudioClip clip =
          decoder.decode(
              new WavBuilder(encoding, 8000).channels(new double[] {-1}).build(), "min.wav");
      assertEquals(-1f, clip.samples()[0], encoding.name());
    }
  }

  @Test
  void averagesChannelsOfMultichannelAudio() throws Exception {
    double[] left = {0.5, 0.5, 0.5};
    double[] right = {-0.25, 0.25, 0.75};
    double[] third = {0.125, 0.125, -1};
    for (boolean extensible : new boolean[] {false, true}) {
      WavBuilder wav = new WavBuilder(Encoding.PCM_24, 48000).channels(left, right, third);
      AudioClip clip = decoder.decode((extensible ? wav.extensible() : wav).build(), "3ch.wav");

      assertArrayEquals(
          new float[] {0.125f, 0.875f / 3, 0.25f / 3}, clip.samples(), 1e-6f);
    }
  }

  @Test
  void averagesSixChannelExtensibleFloat() throws Exception {
    double[][] channels = new double[6][];
    for (int c = 0; c < 6; c++) {
      channels[c] = new double[] {c / 10.0, -c / 10.0};
    }
    AudioClip clip =
        decoder.decode(
            new WavBuilder(Encoding.FLOAT_32, 48000).channels(channels).extensible().build(),
            "5.1.wav");

    assertArrayEquals(new float[] {0.25f, -0.25f}, clip.samples(), 1e-6f);
  }

  @Test
  void stereoToneInOneChannelHalvesItsAmplitude() throws Exception {
    float[] tone = Signals.tone(500, 0.8, 16000, 16000);
    double[] left = new double[tone.length];
    for (int i = 0; i < tone.length; i++) {
      left[i] = tone[i];
    }
    AudioClip clip =
        decoder.decode(
            new WavBuilder(Encoding.PCM_16, 16000).channels(left, new double[tone.length]).build(),
            "stereo.wav");

    assertEquals(0.4, Signals.amplitudeAt(clip.samples(), 0, 16000, 500, 16000), 1e-3);
  }

  @Test
  void skipsUnknownChunksWithOddSizesAndTheirPadding() throws Exception {
    float[] tone = Signals.tone(440, 0.5, RATE, 999);
    byte[] plain = new WavBuilder(Encoding.PCM_16, RATE).mono(tone).build();
    byte[] decorated =
        new WavBuilder(Encoding.PCM_16, RATE)
            .mono(tone)
            .chunkBeforeFmt("JUNK", 27)
            .chunkBeforeData("LIST", 13)
            .chunkBeforeData("fact", 4)
            .build();

    assertArrayEquals(
        decoder.decode(plain, "plain.wav").samples(),
        decoder.decode(decorated, "decorated.wav").samples());
  }

  @Test
  void readsStreamedDataOfUnknownOrExaggeratedSizeToTheEnd() throws Exception {
    float[] tone = Signals.tone(440, 0.5, RATE, 1234);
    float[] expected =
        decoder.decode(new WavBuilder(Encoding.PCM_16, RATE).mono(tone).build(), "a").samples();
    for (long declared : new long[] {0xFFFFFFFFL, 1_000_000L, 0xFFFFFFF0L}) {
      byte[] streamed =
          new WavBuilder(Encoding.PCM_16, RATE).mono(tone).declaredDataSize(declared).build();

      assertArrayEquals(expected, decoder.decode(streamed, "streamed.wav").samples());
      assertArrayEquals(
          expected,
          decoder.decode(new ByteArrayInputStream(streamed), "streamed.wav").samples());
    }
  }

  @Test
  void readsRf64WithUnknownSizes() throws Exception {
    float[] tone = Signals.tone(440, 0.5, RATE, 100);
    byte[] rf64 =
        new WavBuilder(Encoding.FLOAT_32, RATE)
            .mono(tone)
            .rf64()
            .chunkBeforeFmt("ds64", 28)
            .declaredDataSize(0xFFFFFFFFL)
            .build();

    assertArrayEquals(tone, decoder.decode(rf64, "rf64.wav").samples(), 1e-7f);
  }

  @Test
  void keepsTheCompleteFramesOfATruncatedFile() throws Exception {
    double[] left = {0.5, 0.25, 0.125, 1};
    double[] right = {0.5, 0.25, 0.125, 1};
    byte[] full = new WavBuilder(Encoding.PCM_16, RATE).channels(left, right).build();
    byte[] cutMidFrame = Arrays.copyOf(full, full.length - 3);

    AudioClip clip = decoder.decode(cutMidFrame, "cut.wav");

    assertArrayEquals(new float[] {0.5f, 0.25f, 0.125f}, clip.samples());
  }

  @Test
  void clampsOutOfRangeAndNanFloatSamples() throws Exception {
    AudioClip clip =
        decoder.decode(
            new WavBuilder(Encoding.FLOAT_32, RATE)
                .channels(new double[] {1.5, -3, Double.NaN, 0.25})
                .build(),
            "hot.wav");

    assertArrayEquals(new float[] {1f, -1f, 0f, 0.25f}, clip.samples());
  }

  @Test
  void rejectsCompressedWavEncodingsByName() throws Exception {
    byte[] wav = new WavBuilder(Encoding.PCM_16, RATE).channels(new double[] {0, 0}).build();
    wav[20] = 2; // format tag: Microsoft ADPCM

    AudioDecodingException e =
        assertThrows(AudioDecodingException.class, () -> decoder.decode(wav, "adpcm.wav"));

    assertEquals(
        "adpcm.wav: unsupported WAV encoding 0x0002 (only PCM and IEEE float are supported)",
        e.getMessage());
  }

  @Test
  void decodesFilesBytesAndStreamsAlike(@TempDir Path dir) throws Exception {
    byte[] wav =
        new WavBuilder(Encoding.PCM_24, 44100).mono(Signals.tone(300, 0.3, 44100, 5000)).build();
    Path file = Files.write(dir.resolve("clip.bin"), wav); // extension is irrelevant

    float[] fromFile = decoder.decode(file).samples();

    assertArrayEquals(fromFile, decoder.decode(wav, "clip").samples());
    assertArrayEquals(fromFile, decoder.decode(new ByteArrayInputStream(wav), "clip").samples());
  }

  @Test
  void loadResamplesOnlyWhenTheRateDiffers(@TempDir Path dir) throws Exception {
    Path at16k =
        Files.write(
            dir.resolve("a.wav"),
            new WavBuilder(Encoding.PCM_16, 16000).mono(Signals.tone(300, 0.3, 16000, 8000))
                .build());
    Path at44k =
        Files.write(
            dir.resolve("b.wav"),
            new WavBuilder(Encoding.PCM_16, 44100).mono(Signals.tone(300, 0.3, 44100, 44100))
                .build());

    assertArrayEquals(decoder.decode(at16k).samples(), decoder.load(at16k, 16000).samples());
    AudioClip resampled = decoder.load(at44k, 16000);
    assertEquals(16000, resampled.sampleRate());
    assertEquals(16000, resampled.samples().length);
    assertEquals(300, Signals.dominantFrequency(resampled.samples(), 0, 16000, 16000), 1);
  }

  private static double maxError(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(max < 1);
    return max;
  }
}
