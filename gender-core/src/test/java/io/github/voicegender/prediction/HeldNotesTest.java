package io.github.voicegender.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.SampleModel;
import io.github.voicegender.SharedCorpus;
import io.github.voicegender.audio.AudioDecoder;
import io.github.voicegender.dataset.DatasetReader;
import io.github.voicegender.dataset.Utterance;
import io.github.voicegender.features.FeatureConfig;
import io.github.voicegender.features.PitchTracker;
import io.github.voicegender.features.UtteranceFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeldNotesTest {

  private static final FeatureConfig CONFIG = FeatureConfig.defaults();
  private final HeldNotes heldNotes = new HeldNotes(CONFIG);

  /** Frames of the default 20 ms pitch hop. */
  private static float[] track(double... hzPerFrame) {
    float[] track = new float[hzPerFrame.length];
    for (int i = 0; i < track.length; i++) {
      track[i] = (float) hzPerFrame[i];
    }
    return track;
  }

  private static double[] repeat(double hz, int frames) {
    double[] out = new double[frames];
    Arrays.fill(out, hz);
    return out;
  }

  private static double[] concat(double[]... parts) {
    List<Double> all = new ArrayList<>();
    for (double[] part : parts) {
      for (double v : part) {
        all.add(v);
      }
    }
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void countsOnlyRunsThatHoldTheirPitchLongEnough() {
    // A 10-frame note, a 7-frame note (too short: 140 ms), an unvoiced gap, a 9-frame note.
    float[] notes = track(concat(repeat(220, 10), repeat(247, 7), repeat(0, 3), repeat(196, 9)));
    assertEquals(19, heldNotes.heldFrames(notes));
    // 5 cents of wobble stays one note; a 20-cent step starts another.
    float[] wobble = track(concat(repeat(220, 4), repeat(220 * Math.pow(2, 5 / 1200.0), 6),
        repeat(220 * Math.pow(2, 25 / 1200.0), 8)));
    assertEquals(18, heldNotes.heldFrames(wobble));
  }

  @Test
  void aMelodyOfSteadyNotesIsMusicAndAGlidingVoiceIsNot() {
    double[] melody = concat(repeat(262, 12), repeat(294, 12), repeat(330, 25), repeat(0, 5), repeat(262, 25));
    assertTrue(heldNotes.isMusic(track(melody)));

    // Speech-like pitch: a slow glide with 1 % jitter, never steady for 160 ms.
    Random random = new Random(3);
    double[] voice = new double[150];
    for (int i = 0; i < voice.length; i++) {
      voice[i] = (i % 30 > 24) ? 0 : 180 * (1 + 0.1 * Math.sin(i / 9.0)) * (1 + 0.01 * random.nextGaussian());
    }
    assertFalse(heldNotes.isMusic(track(voice)));
  }

  @Test
  void tooLittlePitchedSoundIsNotJudged() {
    // One held note of 0.3 s says too little; 0.4 s of notes is enough.
    assertFalse(heldNotes.isMusic(track(repeat(220, 15))));
    assertTrue(heldNotes.isMusic(track(repeat(220, 20))));
  }

  @Test
  void syntheticInstrumentsAreMusic() {
    PitchTracker tracker = new PitchTracker(CONFIG);
    for (long seed = 1; seed <= 3; seed++) {
      for (String piece : new String[] {"piano melody", "bass and drums"}) {
        float[] pitch = tracker.track(SyntheticMusic.piece(piece, 8, seed));
        assertTrue(heldNotes.isMusic(pitch), piece + " seed " + seed);
      }
    }
  }

  /** No real utterance of the shared corpora, nor any bundled synthetic voice, counts as music. */
  @Test
  void noRealOrSyntheticSpeechIsMusic() throws Exception {
    Path ocean = SharedCorpus.dataset("speechocean762");
    Path libri = SharedCorpus.dataset("librispeech-sample");
    List<Utterance> utterances = new ArrayList<>();
    utterances.addAll(DatasetReader.read(List.of(ocean), List.of("train", "test")).utterances());
    utterances.addAll(DatasetReader.read(List.of(libri), List.of("train-clean-100")).utterances());
    utterances.addAll(DatasetReader.read(List.of(SampleModel.SAMPLE), List.of("train-clean-100", "dev-clean")).utterances());

    AudioDecoder decoder = new AudioDecoder();
    UtteranceFeatures features = new UtteranceFeatures(CONFIG);
    List<String> music = new ArrayList<>();
    double largestShare = 0;
    for (Utterance utterance : utterances) {
      features.compute(decoder.load(utterance.audio(), CONFIG.sampleRate()).samples());
      float[] pitch = features.lastPitchTrack();
      // compute() has thrown NoSpeechException for any utterance without a voiced frame.
      long pitched = 0;
      for (float hz : pitch) {
        pitched += hz > 0 ? 1 : 0;
      }
      largestShare = Math.max(largestShare, heldNotes.heldFrames(pitch) / (double) pitched);
      if (heldNotes.isMusic(pitch)) {
        music.add(utterance.audio().getFileName().toString());
      }
    }
    assertTrue(utterances.size() > 2200, "utterances: " + utterances.size());
    assertEquals(List.of(), music);
    assertTrue(largestShare < 0.75 * HeldNotes.MUSIC_SHARE, "largest held share in speech: " + largestShare);
  }
}
