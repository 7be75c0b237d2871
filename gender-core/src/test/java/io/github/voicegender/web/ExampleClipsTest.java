package io.github.voicegender.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.audio.AudioDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleClipsTest {

  /** The synthetic sample dataset bundled with the project. */
  static final Path SAMPLE_DATASET = Path.of("../datasets/LibriSpeech");

  @Test
  void libriSpeechLayoutGivesTwoReadersOfEachSexAndAConversation() throws Exception {
    List<String> warnings = new ArrayList<>();
    List<ExampleClip> clips = ExampleClips.load(SAMPLE_DATASET, warnings::add);

    assertEquals(List.of(), warnings);
    List<String> titles = clips.stream().map(ExampleClip::title).toList();
    // Evaluation readers (dev-clean) come first: the model never heard them.
    assertEquals(List.of("Female reader 9185", "Female reader 9207", "Male reader 9193", "Male reader 9214",
        "Conversation"), titles);
    assertEquals("dev-clean, labelled female", clips.get(0).description());
    assertEquals("reader-9185", clips.get(0).id());

    AudioDecoder decoder = new AudioDecoder();
    double readers = 0;
    for (ExampleClip clip : clips) {
      AudioClip decoded = decoder.decode(clip.wav(), clip.id());
      assertEquals(16_000, decoded.sampleRate());
      assertEquals(clip.durationSeconds(), decoded.durationSeconds(), 1e-9);
      assertTrue(clip.durationSeconds() > 1, clip.title() + " lasts " + clip.durationSeconds() + " s");
      if (!clip.id().equals("conversation")) {
        readers += clip.durationSeconds();
      }
    }
    ExampleClip conversation = clips.get(4);
    assertEquals("4 readers taking turns", conversation.description());
    assertEquals(readers + 4 * 0.4, conversation.durationSeconds(), 1e-3);
  }

  @Test
  void plainDirectoryGivesItsAudioFilesByName(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("high tone.wav"), Tones.wav(1, 220));
    Files.write(dir.resolve("b-low.wav"), Tones.wav(2, 110));
    Files.writeString(dir.resolve("notes.txt"), "not audio");
    Files.writeString(dir.resolve("broken.wav"), "RIFF....WAVEbroken");
    List<String> warnings = new ArrayList<>();

    List<ExampleClip> clips = ExampleClips.load(dir, warnings::add);

    assertEquals(List.of("b-low", "high tone"), clips.stream().map(ExampleClip::title).toList());
    assertEquals(List.of("b-low-1", "high-tone-2"), clips.stream().map(ExampleClip::id).toList());
    assertEquals(2.0, clips.get(0).durationSeconds(), 1e-9);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("Example clip left out: " + dir.resolve("broken.wav")), warnings.get(0));
  }

  @Test
  void missingDirectoryIsAClearError() {
    IOException e = assertThrows(IOException.class, () -> ExampleClips.load(Path.of("no/such/dir"), w -> {}));
    assertEquals("Example clips directory no/such/dir does not exist or is not a directory.", e.getMessage());
  }
}
