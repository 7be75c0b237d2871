package io.github.voicegender.prediction;

import java.util.Random;

/**
 * Music with no voice in it, made from scratch so the tests need no recordings: pieces in the
 * styles a gender classifier meets in uploads (a piano-like melody, a sustained string chord pad,
 * a plucked bass line under drums, a band mixing all three). Every note is a harmonic tone, so a
 * pitch tracker finds pitch in it, in the range of voices; that is what makes music a test of
 * the classifier's "no speech here" judgement rather than of its silence detector.
 */
final class SyntheticMusic {

  static final int RATE = 16000;

  private SyntheticMusic() {}

  /** The pieces by name, each {@code seconds} long. */
  static String[] names() {
    return new String[] {"piano melody", "string pad", "bass and drums", "band"};
  }

  static float[] piece(String name, double seconds, long seed) {
    float[] out = new float[(int) (seconds * RATE)];
    Random random = new Random(seed);
    switch (name) {
      case "piano melody" -> melody(out, random, 0.6);
      case "string pad" -> pad(out, random, 0.5);
      case "bass and drums" -> {
        bass(out, random, 0.5);
        drums(out, random, 0.4);
      }
      case "band" -> {
        melody(out, random, 0.35);
        pad(out, random, 0.2);
        bass(out, random, 0.3);
        drums(out, random, 0.25);
      }
      default -> throw new IllegalArgumentException(name);
    }
    return out;
  }

  private static double midiToHz(int note) {
    return 440 * Math.pow(2, (note - 69) / 12.0);
  }

  /** Eighth and quarter notes at 120 bpm from a C major scale, C4 to C5, decaying like a piano. */
  private static void melody(float[] out, Random random, double gain) {
    int[] scale = {60, 62, 64, 65, 67, 69, 71, 72};
    double t = 0;
    int degree = 0;
    double length = out.length / (double) RATE;
    while (t < length) {
      double duration = random.nextBoolean() ? 0.25 : 0.5;
      degree = Math.max(0, Math.min(scale.length - 1, degree + random.nextInt(5) - 2));
      addNote(out, t, duration * 1.5, midiToHz(scale[degree]), gain, 6, 0.0);
      t += duration;
    }
  }

  /** Two-second triads (I, IV, V, vi in C, around C3 to E4) with a slow attack and vibrato. */
  private static void pad(float[] out, Random random, double gain) {
    int[][] chords = {{48, 52, 55}, {53, 57, 60}, {55, 59, 62}, {57, 60, 64}};
    double length = out.length / (double) RATE;
    for (double t = 0; t < length; t += 2) {
      int[] chord = chords[random.nextInt(chords.length)];
      for (int note : chord) {
        addNote(out, t, 2.0, midiToHz(note), gain / 3, 0.5, 0.004);
      }
    }
  }

  /** Quarter-note bass (C2 to G2) at 120 bpm. */
  private static void bass(float[] out, Random random, double gain) {
    int[] notes = {36, 38, 41, 43};
    double length = out.length / (double) RATE;
    for (double t = 0; t < length; t += 0.5) {
      addNote(out, t, 0.45, midiToHz(notes[random.nextInt(notes.length)]), gain, 8, 0.0);
    }
  }

  /** Kick on the beat (a falling sine), hi-hat on the off-beat (a burst of noise). */
  private static void drums(float[] out, Random random, double gain) {
    double length = out.length / (double) RATE;
    for (double beat = 0; beat < length; beat += 0.5) {
      int start = (int) (beat * RATE);
      double phase = 0;
      for (int i = 0; i < 0.2 * RATE && start + i < out.length; i++) {
        double time = i / (double) RATE;
        phase += 2 * Math.PI * (50 + 100 * Math.exp(-time * 30)) / RATE;
        out[start + i] += (float) (gain * Math.exp(-time * 15) * Math.sin(phase));
      }
      int hat = (int) ((beat + 0.25) * RATE);
      for (int i = 0; i < 0.05 * RATE && hat + i < out.length; i++) {
        out[hat + i] += (float) (gain * 0.3 * Math.exp(-i / (0.01 * RATE)) * random.nextGaussian());
      }
    }
  }

  /**
   * A harmonic tone: eight partials falling off as 1/k, an exponential decay of {@code decay} per
   * second, 10 ms attack and release, and vibrato of relative depth {@code vibrato} at 5.5 Hz.
   */
  private static void addNote(float[] out, double start, double duration, double hz, double gain,
      double decay, double vibrato) {
    int from = (int) (start * RATE);
    int count = Math.min(out.length - from, (int) (duration * RATE));
    double phase = 0;
    for (int i = 0; i < count; i++) {
      double time = i / (double) RATE;
      double envelope = Math.exp(-decay * time) * Math.min(1, time / 0.01) * Math.min(1, (duration - time) / 0.01);
      phase += 2 * Math.PI * hz * (1 + vibrato * Math.sin(2 * Math.PI * 5.5 * time)) / RATE;
      double sample = 0;
      for (int k = 1; k <= 8 && k * hz < RATE / 2.0; k++) {
        sample += Math.sin(k * phase) / k;
      }
      out[from + i] += (float) (gain * envelope * sample / 2);
    }
  }
}
