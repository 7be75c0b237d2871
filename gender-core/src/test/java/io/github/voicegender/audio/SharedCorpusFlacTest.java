package io.github.voicegender.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.SharedCorpus;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every FLAC file of the shared corpora decoded by our decoder and by jflac: the samples must be
 * identical, bit for bit. Skipped, with the reason shown, where {@code ../shared} is absent; in CI
 * it must be there.
 */
class SharedCorpusFlacTest {

  private final AudioDecoder decoder = new AudioDecoder();

  @ParameterizedTest
  @ValueSource(strings = {"speechocean762", "librispeech-sample"})
  void everyFileDecodesExactlyAsJflacDecodesIt(String corpus) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SharedCorpus.dataset(corpus))) {
      files = walk.filter(p -> p.toString().endsWith(".flac")).sorted().toList();
    }
    assertTrue(files.size() > 100, corpus + " has only " + files.size() + " FLAC files");
    double seconds = 0;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      byte[] bytes = Files.readAllBytes(file);
      AudioClip clip = decoder.decode(file);
      JflacReference.Decoded reference = JflacReference.decode(bytes);

      assertEquals(reference.sampleRate(), clip.sampleRate(), file.toString());
      assertArrayEquals(reference.mono(), clip.samples(), file.toString());
      if (i % 50 == 0) {
        // A stream of unknown length: the decoder buffers it itself, growing past its first 64 KiB.
        AudioClip streamed = decoder.decode(new BufferedInputStream(new ByteArrayInputStream(bytes)), "s");
        assertArrayEquals(clip.samples(), streamed.samples(), file + " as a stream");
      }
      seconds += clip.durationSeconds();
    }
    System.out.printf("%s: %d FLAC files, %.0f s of audio, identical to jflac%n", corpus,
        files.size(), seconds);
  }
}
