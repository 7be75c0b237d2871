package io.github.voicegender.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PitchTrackerTest {

  private static final int SR = 16000;
  /** Pitch accuracy demanded on synthetic voiced signals: 2 % of the true frequency. */
  private static final double PITCH_TOLERANCE = 0.02;

  static FeatureConfig config(String algorithm) {
    FeatureConfig d = FeatureConfig.defaults();
    return new FeatureConfig(d.sampleRate(), d.removeDcOffset(), d.trimSilence(), d.trimTopDb(),
        d.trimFrameLength(), d.trimHopLength(), d.frameLength(), d.hopLength(), d.fftSize(),
        d.melBands(), d.melMinHz(), d.melMaxHz(), d.mfccCount(), d.dropC0(), d.deltaWidth(),
        d.activeFrameTopDb(), algorithm, d.pitchMinHz(), d.pitchMaxHz(), d.pitchSampleRate(),
        d.pitchFrameLength(), d.pitchHopLength(), d.pitchThreshold(), d.pitchPercentiles(),
        d.cepstralVoicedOnly(), d.firstCepstralMean());
  }

  @ParameterizedTest
  @ValueSource(strings = {"YIN", "MPM"})
  void pureTones(String algorithm) {
    PitchTracker tracker = new PitchTracker(config(algorithm));
    for (double f0 : new double[] {100, 150, 220}) {
      assertTracks(tracker, f0, tone(f0, 0.5, 1.0), algorithm + " sine");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"YIN", "MPM"})
  void harmonicComplexes(String algorithm) {
    PitchTracker tracker = new PitchTracker(config(algorithm));
    for (double f0 : new double[] {100, 150, 220}) {
      assertTracks(tracker, f0, harmonics(f0, 1.0, false), algorithm + " harmonics");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"YIN", "MPM"})
  void followsAGlidingVoiceWithoutOctaveErrors(String algorithm) {
    PitchTracker tracker = new PitchTracker(config(algorithm));
    float[] pitch = tracker.track(SyntheticSpeech.signal(20, 11));
    int clearlyVoiced = 0;
    int voicedThere = 0;
    int voiced = 0;
    int within5Percent = 0;
    for (int t = 0; t < pitch.length; t++) {
      double time = tracker.frameCentreSeconds(t);
      double truth = SyntheticSpeech.pitchAt(time);
      // Above 0.75 the whole 64 ms window lies inside one sounding half-syllable.
      boolean clear = !SyntheticSpeech.isPause(time) && SyntheticSpeech.syllablePhase(time) > 0.75;
      if (clear) {
        clearlyVoiced++;
        if (pitch[t] > 0) {
          voicedThere++;
        }
      }
      if (pitch[t] > 0) {
        voiced++;
        double error = Math.abs(pitch[t] - truth) / truth;
        // A 64 ms window averages the vibrato; an octave error would be 50 % or 100 %.
        assertTrue(error < 0.1, algorithm + " frame " + t + ": " + pitch[t] + " Hz, truth " + truth);
        if (error < 0.05) {
          within5Percent++;
        }
      }
      if (SyntheticSpeech.isPause(time) && time % 1.7 > 0.1 && time % 1.7 < 1.6) {
        assertEquals(0f, pitch[t], algorithm + " pause frame " + t);
      }
    }
    assertTrue(voicedThere >= 0.9 * clearlyVoiced,
        algorithm + ": voiced " + voicedThere + " of " + clearlyVoiced + " clearly voiced frames");
    assertTrue(within5Percent >= 0.95 * voiced, algorithm + ": " + within5Percent + " of " + voiced);
  }

  @Test
  void missingFundamentalStillGivesThePeriod() {
    // Telephone-like voices lack the fundamental; YIN works on the period, not the spectrum peak.
    PitchTracker tracker = new PitchTracker(config("YIN"));
    for (double f0 : new double[] {100, 150, 220}) {
      assertTracks(tracker, f0, harmonics(f0, 1.0, true), "YIN missing fundamental");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"YIN", "MPM"})
  void noiseAndSilenceAreUnvoiced(String algorithm) {
    PitchTracker tracker = new PitchTracker(config(algorithm));
    Random random = new Random(42);
    float[] noise = new float[2 * SR];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.3 * random.nextGaussian());
    }
    float[] pitch = tracker.track(noise);
    assertTrue(voicedFraction(pitch) < 0.05,
        algorithm + " white noise voiced fraction " + voicedFraction(pitch));

    float[] silence = tracker.track(new float[SR]);
    assertEquals(47, silence.length);
    assertEquals(0.0, voicedFraction(silence));
  }

  @Test
  void pitchOutsideTheRangeIsUnvoiced() {
    PitchTracker tracker = new PitchTracker(config("YIN"));
    assertTrue(voicedFraction(tracker.track(tone(600, 0.5, 1.0))) < 0.05, "600 Hz is above 400");
    assertTrue(voicedFraction(tracker.track(tone(45, 0.5, 1.0))) < 0.05, "45 Hz is below 60");
  }

  @Test
  void framing() {
    PitchTracker tracker = new PitchTracker(config("YIN"));
    // 1 s at 16 kHz -> 8000 samples at 8 kHz -> 1 + (8000 - 512) / 160 = 47 frames.
    assertEquals(47, tracker.frameCountForInput(SR));
    assertEquals(47, tracker.track(tone(150, 0.5, 1.0)).length);
    assertEquals(0, tracker.track(new float[1022]).length); // 511 samples at 8 kHz
    assertEquals(1, tracker.track(tone(150, 0.5, 1024.0 / SR)).length);
    assertEquals(0.032, tracker.frameCentreSeconds(0), 1e-12);
    assertEquals(0.052, tracker.frameCentreSeconds(1), 1e-12);
  }

  @Test
  void decimatorKeepsTheVoiceBandAndRejectsWhatWouldAlias() {
    Decimator halve = new Decimator(2);
    assertEquals(8000, halve.outputLength(16000));
    assertEquals(8001, halve.outputLength(16001));
    float[] out = new float[8000];
    halve.decimate(constant(1f, 16000), out);
    assertEquals(1.0, out[4000], 1e-5, "unit gain at DC");
    for (double hz : new double[] {100, 1000, 2500}) {
      halve.decimate(tone(hz, 1.0, 1.0), out);
      assertEquals(1.0, amplitude(out, hz, 8000), 0.01, hz + " Hz passes");
    }
    for (double hz : new double[] {5500, 7000}) {
      halve.decimate(tone(hz, 1.0, 1.0), out);
      double alias = 8000 - hz;
      assertTrue(amplitude(out, alias, 8000) < 0.01, hz + " Hz is attenuated by 40 dB or more");
    }
  }

  private static void assertTracks(PitchTracker tracker, double f0, float[] signal, String what) {
    float[] pitch = tracker.track(signal);
    double voiced = voicedFraction(pitch);
    assertTrue(voiced > 0.9, what + " at " + f0 + " Hz: voiced fraction " + voiced);
    for (float p : pitch) {
      if (p > 0) {
        assertEquals(f0, p, PITCH_TOLERANCE * f0, what + " at " + f0 + " Hz: " + Arrays.toString(pitch));
      }
    }
  }

  static double voicedFraction(float[] pitch) {
    if (pitch.length == 0) {
      return 0;
    }
    int voiced = 0;
    for (float p : pitch) {
      if (p > 0) {
        voiced++;
      }
    }
    return (double) voiced / pitch.length;
  }

  static float[] tone(double hz, double amplitude, double seconds) {
    float[] x = new float[(int) Math.round(seconds * SR)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / SR));
    }
    return x;
  }

  /** Harmonics up to 4 kHz with 1/h amplitudes and scattered phases, like a vowel's source. */
  static float[] harmonics(double f0, double seconds, boolean withoutFundamental) {
    float[] x = new float[(int) Math.round(seconds * SR)];
    Random random = new Random(1);
    for (int h = withoutFundamental ? 2 : 1; h * f0 < 4000; h++) {
      double phase = 2 * Math.PI * random.nextDouble();
      double amplitude = 0.3 / h;
      for (int i = 0; i < x.length; i++) {
        x[i] += (float) (amplitude * Math.sin(2 * Math.PI * h * f0 * i / SR + phase));
      }
    }
    return x;
  }

  private static float[] constant(float v, int n) {
    float[] x = new float[n];
    Arrays.fill(x, v);
    return x;
  }

  /** Amplitude of one frequency in the middle of a signal, by correlation (away from the edges). */
  private static double amplitude(float[] x, double hz, int rate) {
    int from = x.length / 4;
    int to = 3 * x.length / 4;
    double re = 0;
    double im = 0;
    for (int i = from; i < to; i++) {
      re += x[i] * Math.cos(2 * Math.PI * hz * i / rate);
      im += x[i] * Math.sin(2 * Math.PI * hz * i / rate);
    }
    return 2 * Math.hypot(re, im) / (to - from);
  }

}
