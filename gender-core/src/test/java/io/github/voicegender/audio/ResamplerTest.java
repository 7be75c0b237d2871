package io.github.voicegender.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

  private static final int TARGET = 16000;
  /** Skip the filter's start-up and tail, where the signal is cut off, not the filter at fault. */
  private static final int EDGE = TARGET / 20;

  @ParameterizedTest(name = "{1} Hz tone at {0} Hz")
  @CsvSource({
    "44100, 440", "44100, 1000", "44100, 3000", "44100, 6500",
    "48000, 440", "48000, 2500", "48000, 6500",
    "8000, 440", "8000, 1000", "8000, 3000",
    "22050, 5000", "44056, 1234"
  })
  void keepsToneFrequencyAmplitudeAndShape(int fromRate, double frequency) {
    float[] input = Signals.tone(frequency, 0.5, fromRate, fromRate);

    float[] output = Resampler.of(fromRate, TARGET).resample(input);

    assertEquals(TARGET, output.length);
    int end = output.length - EDGE;
    assertEquals(frequency, Signals.dominantFrequency(output, EDGE, end, TARGET), 1);
    double gainDb =
        Signals.decibels(Signals.rms(output, EDGE, end) / Signals.rms(input, 0, input.length));
    assertEquals(0, gainDb, 0.05, "RMS gain in dB");
    float[] ideal = Signals.tone(frequency, 0.5, TARGET, TARGET);
    double errorDb =
        Signals.decibels(Signals.rmsDifference(output, ideal, EDGE, end) / Signals.rms(ideal, 0,
            TARGET));
    assertTrue(errorDb < -55, "error vs ideal tone " + errorDb + " dB");
  }

  @ParameterizedTest(name = "chirp at {0} Hz")
  @CsvSource({"44100, 6500", "48000, 6500", "8000, 3300"})
  void followsAChirpAcrossThePassBand(int fromRate, double topFrequency) {
    float[] input = Signals.chirp(100, topFrequency, 1.0, 0.7, fromRate);

    float[] output = Resampler.of(fromRate, TARGET).resample(input);

    float[] ideal = Signals.chirp(100, topFrequency, 1.0, 0.7, TARGET);
    int end = output.length - EDGE;
    double errorDb =
        Signals.decibels(Signals.rmsDifference(output, ideal, EDGE, end) / Signals.rms(ideal, EDGE,
            end));
    assertTrue(errorDb < -50, "error vs ideal chirp " + errorDb + " dB");
    double gainDb =
        Signals.decibels(Signals.rms(output, EDGE, end) / Signals.rms(ideal, EDGE, end));
    assertEquals(0, gainDb, 0.05);
  }

  @ParameterizedTest(name = "{1} Hz at {0} Hz")
  @CsvSource({"44100, 9000", "44100, 8050", "48000, 12000", "48000, 20000", "22050, 10000"})
  void removesWhatWouldAliasAboveTheNewNyquist(int fromRate, double frequency) {
    float[] input = Signals.tone(frequency, 0.5, fromRate, fromRate);

    float[] output = Resampler.of(fromRate, TARGET).resample(input);

    double attenuationDb =
        Signals.decibels(
            Signals.rms(output, EDGE, output.length - EDGE) / Signals.rms(input, 0, input.length));
    assertTrue(attenuationDb < -60, frequency + " Hz only attenuated by " + attenuationDb + " dB");
  }

  @Test
  void keepsDirectCurrentExactlyInEveryPhase() {
    float[] constant = new float[44100];
    java.util.Arrays.fill(constant, 0.25f);

    float[] output = Resampler.of(44100, TARGET).resample(constant);

    for (int i = EDGE; i < output.length - EDGE; i++) {
      assertEquals(0.25f, output[i], 1e-5f, "sample " + i);
    }
  }

  @Test
  void outputSpansTheSameTimeAsTheInput() {
    assertEquals(3, Resampler.of(44100, 16000).resample(new float[7]).length); // ceil(7*160/441)
    assertEquals(14, Resampler.of(8000, 16000).resample(new float[7]).length);
    assertEquals(0, Resampler.of(48000, 16000).resample(new float[0]).length);
    assertEquals(1, Resampler.of(48000, 16000).resample(new float[1]).length);
  }

  @Test
  void returnsTheClipItselfWhenTheRateAlreadyMatches() {
    AudioClip clip = new AudioClip(new float[] {0.1f, 0.2f}, 16000);

    assertSame(clip, Resampler.resample(clip, 16000));
  }

  @Test
  void staysWithinFullScaleOnAFullScaleSquareWave() {
    float[] square = new float[4410];
    for (int i = 0; i < square.length; i++) {
      square[i] = (i / 50) % 2 == 0 ? 1f : -1f;
    }

    float[] output = Resampler.of(44100, TARGET).resample(square);

    for (float v : output) {
      assertTrue(v >= -1f && v <= 1f);
    }
    assertArrayEquals(output, Resampler.of(44100, TARGET).resample(square));
  }

  @Test
  void rejectsImplausibleRates() {
    assertThrows(IllegalArgumentException.class, () -> Resampler.of(0, 16000));
    assertThrows(IllegalArgumentException.class, () -> Resampler.of(16000, 5_000_000));
  }
}
