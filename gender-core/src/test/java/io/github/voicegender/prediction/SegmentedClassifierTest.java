package io.github.voicegender.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.SampleModel;
import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.audio.AudioDecoder;
import io.github.voicegender.audio.Resampler;
import io.github.voicegender.model.GenderClassifier;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Long recordings, silence and noise, with a model trained on the bundled sample. */
class SegmentedClassifierTest {

  private static GenderClassifier model;
  private static SegmentedClassifier classifier;
  private static AudioClip female;
  private static AudioClip male;

  @BeforeAll
  static void load() throws Exception {
    model = GenderClassifier.of(SampleModel.bundle());
    classifier = new SegmentedClassifier(model, 3);
    AudioDecoder decoder = new AudioDecoder();
    female = decoder.load(SampleModel.devClip("9185"), 16000);
    male = decoder.load(SampleModel.devClip("9214"), 16000);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static AudioClip concat(AudioClip... clips) {
    int length = 0;
    for (AudioClip c : clips) {
      length += c.samples().length;
    }
    float[] all = new float[length];
    int at = 0;
    for (AudioClip c : clips) {
      System.arraycopy(c.samples(), 0, all, at, c.samples().length);
      at += c.samples().length;
    }
    return new AudioClip(all, 16000);
  }

  @Test
  void aShortClipIsOneSegment() {
    ClipPrediction p = classifier.classify(female);
    assertEquals("female", p.label());
    assertEquals(1, p.segments().size());
    assertEquals(female.durationSeconds(), p.durationSeconds(), 1e-9);
    assertEquals(female.durationSeconds(), p.segments().get(0).endSeconds(), 1e-9);
  }

  @Test
  void aLongRecordingIsJudgedWindowByWindow() {
    AudioClip silence = new AudioClip(new float[16000 * 7], 16000);
    AudioClip recording = concat(female, female, silence, male);

    ClipPrediction p = classifier.classify(recording);

    assertTrue(p.segments().size() >= 4, p.segments().toString());
    assertEquals(recording.durationSeconds(), p.segments().get(p.segments().size() - 1).endSeconds(), 1e-9);
    assertEquals("female", p.segments().get(0).label());
    assertTrue(p.segments().stream().anyMatch(s -> s.label().equals("unknown")), "the silent window: " + p);
    assertEquals("male", p.segments().get(p.segments().size() - 1).label());
    // Twice as much female speech as male: the whole leans female.
    assertEquals("female", p.label());
  }

  @Test
  void otherSampleRatesAreResampledFirst() {
    AudioClip at44k = new AudioClip(Resampler.of(16000, 44100).resample(male.samples()), 44100);
    ClipPrediction p = classifier.classify(at44k);
    assertEquals("male", p.label());
    assertEquals(male.durationSeconds(), p.durationSeconds(), 0.01);
  }

  @Test
  void silenceAndNoiseAreUnknown() {
    ClipPrediction silent = classifier.classify(new AudioClip(new float[16000 * 5], 16000));
    assertEquals("unknown", silent.label());
    assertTrue(Double.isNaN(silent.probability()));

    Random random = new Random(1);
    float[] noise = new float[16000 * 5];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.2 * random.nextGaussian());
    }
    assertEquals("unknown", classifier.classify(new AudioClip(noise, 16000)).label());

    // Mains hum: 50 Hz and its harmonics under a little hiss: pitched sound, but no voice.
    float[] hum = new float[16000 * 5];
    for (int i = 0; i < hum.length; i++) {
      double t = i / 16000.0;
      double sample = 0.01 * random.nextGaussian();
      for (int k = 1; k <= 6; k++) {
        sample += 0.1 / k * Math.sin(2 * Math.PI * 50 * k * t);
      }
      hum[i] = (float) sample;
    }
    assertEquals("unknown", classifier.classify(new AudioClip(hum, 16000)).label());
  }

  @Test
  void instrumentalMusicIsUnknown() {
    for (String piece : new String[] {"piano melody", "bass and drums"}) {
      ClipPrediction p = classifier.classify(new AudioClip(SyntheticMusic.piece(piece, 8, 7), SyntheticMusic.RATE));
      assertEquals("unknown", p.label(), piece + ": " + p);
      assertTrue(p.segments().stream().allMatch(s -> s.label().equals("unknown")), piece + ": " + p);
    }
    // Music under a voice does not hide the voice: the window with speech still gets its answer.
    AudioClip piano = new AudioClip(SyntheticMusic.piece("piano melody", 6, 7), SyntheticMusic.RATE);
    ClipPrediction p = classifier.classify(concat(piano, female));
    assertEquals("female", p.label(), p.toString());
  }
}
