package io.github.voicegender.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-utterance vector on synthetic voices: a harmonic complex with a gliding pitch. */
class UtteranceFeaturesTest {

  private static final int RATE = 16000;
  private final FeatureConfig config = FeatureConfig.defaults();
  private final UtteranceFeatures features = new UtteranceFeatures(config);

  /** A voiced-like signal: 10 harmonics of a pitch that glides +-5% around {@code hz}, plus a little noise. */
  private static float[] voice(double hz, double seconds, double amplitude, long seed) {
    Random random = new Random(seed);
    float[] signal = new float[(int) (seconds * RATE)];
    double phase = 0;
    for (int i = 0; i < signal.length; i++) {
      double f0 = hz * (1 + 0.05 * Math.sin(2 * Math.PI * 0.7 * i / RATE));
      phase += 2 * Math.PI * f0 / RATE;
      double s = 0;
      for (int h = 1; h <= 10; h++) {
        s += Math.sin(h * phase) / h;
      }
      signal[i] = (float) (amplitude * (0.5 * s + 0.01 * random.nextGaussian()));
    }
    return signal;
  }

  private int index(String name) {
    return config.featureNames().indexOf(name);
  }

  @Test
  void vectorHasTheDocumentedLayout() throws Exception {
    float[] vector = features.compute(voice(120, 1.5, 0.3, 1));
    List<String> names = config.featureNames();
    assertEquals(config.vectorLength(), names.size());
    assertEquals(config.vectorLength(), vector.length);
    assertEquals("mfcc4_mean", names.get(0));
    assertEquals("voiced_fraction", names.get(names.size() - 1));
  }

  /**
   * {@code firstCepstralMean} only leaves the low means out: every other component is the same
   * number as in the vector that keeps them, and those means are the ones left out.
   */
  @Test
  void leftOutMeansAreTheOnlyDifference() throws Exception {
    float[] clip = voice(140, 1.5, 0.3, 7);
    FeatureConfig everyMean = config.with(Map.of("firstCepstralMean", "0"));
    float[] lean = features.compute(clip);
    float[] full = new UtteranceFeatures(everyMean).compute(clip);
    assertEquals(61, lean.length);
    assertEquals(64, full.length);
    List<String> fullNames = everyMean.featureNames();
    List<String> leanNames = config.featureNames();
    for (int i = 0; i < lean.length; i++) {
      assertEquals(full[fullNames.indexOf(leanNames.get(i))], lean[i], 0f, leanNames.get(i));
    }
    // The means left out are real, non-zero numbers of the full vector (c1 carries the tilt of
    // the harmonic spectrum, falling 6 dB per octave).
    assertTrue(Math.abs(full[fullNames.indexOf("mfcc1_mean")]) > 1, "mfcc1_mean " + full[0]);
    assertEquals(full[fullNames.indexOf("mfcc4_mean")], lean[0], 0f);
  }

  @Test
  void medianPitchFollowsTheVoice() throws Exception {
    for (double hz : new double[] {100, 150, 220}) {
      float[] vector = features.compute(voice(hz, 1.5, 0.3, 2));
      double median = Math.pow(2, vector[index("log2_pitch_p50")]);
      assertEquals(hz, median, hz * 0.03, "median pitch of a " + hz + " Hz voice");
      assertTrue(vector[index("voiced_fraction")] > 0.9, "a steady voice is voiced throughout");
    }
  }

  @Test
  void levelDcOffsetAndPaddingBarelyMoveTheVector() throws Exception {
    float[] clip = voice(180, 1.5, 0.3, 3);
    float[] reference = features.compute(clip);

    float[] quiet = clip.clone();
    for (int i = 0; i < quiet.length; i++) {
      quiet[i] *= 0.1f; // -20 dB
    }
    float[] padded = new float[clip.length + 4 * RATE];
    System.arraycopy(clip, 0, padded, 2 * RATE, clip.length);
    float[] offset = clip.clone();
    for (int i = 0; i < offset.length; i++) {
      offset[i] += 0.2f;
    }

    Map<String, float[]> variants = Map.of("-20 dB", quiet, "2 s padding", padded, "DC offset", offset);
    for (Map.Entry<String, float[]> variant : variants.entrySet()) {
      float[] vector = features.compute(variant.getValue());
      for (int i = 0; i < vector.length; i++) {
        assertEquals(reference[i], vector[i], 0.05 * Math.max(1, Math.abs(reference[i])),
            variant.getKey() + ": " + config.featureNames().get(i));
      }
    }
  }

  @Test
  void silenceAndNoiseHaveNoVoice() {
    NoSpeechException silent = assertThrows(NoSpeechException.class, () -> features.compute(new float[RATE]));
    assertTrue(silent.getMessage().contains("silent"), silent.getMessage());

    Random random = new Random(4);
    float[] noise = new float[RATE];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.1 * random.nextGaussian());
    }
    NoSpeechException unvoiced = assertThrows(NoSpeechException.class, () -> features.compute(noise));
    assertTrue(unvoiced.getMessage().startsWith("no voiced speech found"), unvoiced.getMessage());

    float[] click = new float[RATE];
    click[RATE / 2] = 1;
    assertThrows(NoSpeechException.class, () -> features.compute(click));
  }

  /**
   * With {@code cepstralVoicedOnly} (the default), a voice followed by as loud a hiss (active but
   * unvoiced) has the cepstral statistics of the voice alone; over every active frame the hiss pulls
   * them away.
   */
  @Test
  void voicedOnlyStatisticsIgnoreActiveUnvoicedFrames() throws Exception {
    float[] voice = voice(150, 0.8, 0.3, 5);
    double rms = 0;
    for (float v : voice) {
      rms += (double) v * v;
    }
    rms = Math.sqrt(rms / voice.length);
    Random random = new Random(6);
    float[] voiceThenHiss = new float[2 * voice.length];
    System.arraycopy(voice, 0, voiceThenHiss, 0, voice.length);
    for (int i = voice.length; i < voiceThenHiss.length; i++) {
      voiceThenHiss[i] = (float) (rms * random.nextGaussian());
    }
    // Every mean kept, to watch c1 and c2.
    FeatureConfig everyMean = config.with(Map.of("firstCepstralMean", "0"));
    UtteranceFeatures voicedOnly = new UtteranceFeatures(everyMean);
    UtteranceFeatures allActive = new UtteranceFeatures(everyMean.with(Map.of("cepstralVoicedOnly", "false")));
    float[] alone = voicedOnly.compute(voice);
    float[] mixedVoiced = voicedOnly.compute(voiceThenHiss);
    float[] mixedAll = allActive.compute(voiceThenHiss);

    List<String> names = everyMean.featureNames();
    int c1 = names.indexOf("mfcc1_mean");
    int c2 = names.indexOf("mfcc2_mean");
    System.out.printf("mfcc1_mean alone %.3f, voiced frames %.3f, all frames %.3f; "
        + "mfcc2_mean %.3f, %.3f, %.3f%n", alone[c1], mixedVoiced[c1], mixedAll[c1], alone[c2],
        mixedVoiced[c2], mixedAll[c2]);
    for (int c : new int[] {c1, c2}) {
      assertEquals(alone[c], mixedVoiced[c], 0.2, names.get(c) + " over voiced frames");
      assertTrue(Math.abs(alone[c] - mixedAll[c]) > 3, names.get(c) + " over all frames");
    }
    // The pitch part does not depend on the option.
    int p50 = names.indexOf("log2_pitch_p50");
    assertEquals(mixedAll[p50], mixedVoiced[p50], 1e-6);
    assertEquals(0.5, mixedVoiced[names.indexOf("voiced_fraction")], 0.06);
  }
}
