package io.github.voicegender.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SilenceTrimmerTest {

  private static final int RATE = 16000;
  private final SilenceTrimmer trimmer = SilenceTrimmer.of(FeatureConfig.defaults());

  private static float[] padded(int silenceBefore, int toneSamples, int silenceAfter, double amplitude) {
    float[] signal = new float[silenceBefore + toneSamples + silenceAfter];
    for (int i = 0; i < toneSamples; i++) {
      signal[silenceBefore + i] = (float) (amplitude * Math.sin(2 * Math.PI * 200 * i / RATE));
    }
    return signal;
  }

  @Test
  void cutsDigitalSilenceAtBothEndsToWithinAFrame() {
    float[] signal = padded(2 * RATE, RATE, RATE, 0.5);
    int[] range = trimmer.nonSilentRange(signal);
    // Digital silence is cut to the sample.
    assertEquals(2 * RATE, range[0], 1);
    assertEquals(3 * RATE, range[1], 1);
  }

  @Test
  void theCutDoesNotDependOnTheLevel() {
    int[] loud = trimmer.nonSilentRange(padded(RATE / 2, RATE, RATE / 3, 0.9));
    int[] quiet = trimmer.nonSilentRange(padded(RATE / 2, RATE, RATE / 3, 0.009));
    assertArrayEquals(loud, quiet);
  }

  @Test
  void keepsQuietPartsWithinTopDbOfThePeak() {
    float[] signal = padded(RATE / 2, RATE, RATE / 2, 0.5);
    // A tail 30 dB below the peak is speech-like (kept); 50 dB below counts as silence.
    float[] tail = padded(0, RATE / 2, 0, 0.5 * Math.pow(10, -30 / 20.0));
    System.arraycopy(tail, 0, signal, RATE + RATE / 2, tail.length);
    assertEquals(2 * RATE, trimmer.nonSilentRange(signal)[1], 768);
    float[] faint = padded(0, RATE / 2, 0, 0.5 * Math.pow(10, -50 / 20.0));
    System.arraycopy(faint, 0, signal, RATE + RATE / 2, faint.length);
    assertEquals(RATE + RATE / 2, trimmer.nonSilentRange(signal)[1], 768);
  }

  @Test
  void allSilentOrEmptyGivesNothing() {
    assertEquals(0, trimmer.trim(new float[RATE]).length);
    assertEquals(0, trimmer.trim(new float[0]).length);
    assertTrue(trimmer.trim(padded(0, 100, 0, 0.5)).length > 0);
  }
}
