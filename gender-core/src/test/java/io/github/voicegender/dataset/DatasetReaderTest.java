package io.github.voicegender.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

  @TempDir Path root;

  private void speakers(Path dir, String... lines) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("SPEAKERS.TXT"),
        ";ID  |SEX| SUBSET           |MINUTES| NAME\n" + String.join("\n", lines) + "\n");
  }

  private static Path audio(Path dir, String subset, String speaker, String chapter, int utterance)
      throws Exception {
    Path file = dir.resolve(subset).resolve(speaker).resolve(chapter)
        .resolve(String.format("%s-%s-%04d.flac", speaker, chapter, utterance));
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1});
    return file;
  }

  @Test
  void readsLibriSpeechLayoutWithLabelsAndWarnings() throws Exception {
    speakers(root, "19 | F | train-clean-100 | 25.19 | Kara", "26 | M | train-clean-100 | 25.08 | Denny",
        "27 | M | train-clean-100 | 20.00 | Silent Reader", "84 | F | dev-clean | 8.0 | Christie");
    audio(root, "train-clean-100", "19", "198", 1);
    audio(root, "train-clean-100", "19", "198", 2);
    audio(root, "train-clean-100", "26", "495", 1);
    audio(root, "train-clean-100", "999", "1", 1); // no SPEAKERS.TXT entry
    Files.writeString(root.resolve("train-clean-100/19/198/19-198.trans.txt"), "19-198-0001 HELLO\n");
    audio(root, "dev-clean", "84", "121123", 0);

    Dataset dataset = DatasetReader.read(List.of(root), List.of("train-clean-100", "dev-clean"));

    assertEquals(4, dataset.utterances().size());
    assertEquals(List.of("dev-clean", "train-clean-100"), List.copyOf(dataset.subsets()));
    Utterance first = dataset.subset("train-clean-100").get(0);
    assertEquals("19", first.speakerId());
    assertEquals(Gender.FEMALE, first.gender());
    assertTrue(first.audio().isAbsolute());
    assertEquals(Gender.MALE, dataset.subset("train-clean-100").get(2).gender());
    assertEquals(List.of(
        "train-clean-100: 1 audio files skipped, their speakers have no entry in SPEAKERS.TXT: 999",
        "train-clean-100: 1 speakers listed for it in SPEAKERS.TXT have no audio here: 27"),
        dataset.warnings());
  }

  @Test
  void looksUpEachSubsetInEveryRoot() throws Exception {
    Path other = root.resolve("other");
    speakers(root.resolve("a"), "1 | F | train | 1 | A");
    speakers(other, "2 | M | train | 1 | B", "3 | F | test | 1 | C");
    audio(root.resolve("a"), "train", "1", "1", 1);
    audio(other, "train", "2", "1", 1);
    audio(other, "test", "3", "1", 1);

    Dataset dataset = DatasetReader.read(List.of(root.resolve("a"), other), List.of("train", "test"));

    assertEquals(2, dataset.subset("train").size());
    assertEquals(1, dataset.subset("test").size());
  }

  @Test
  void theSameSpeakerIdInTwoCorporaIsTwoPeople() throws Exception {
    // As speechocean762 (3168: a woman) and LibriSpeech (3168: a man) in the shared data.
    Path ocean = root.resolve("speechocean762");
    Path libri = root.resolve("librispeech-sample");
    speakers(ocean, "3168 | F | train | 1 | A", "1001 | M | train | 1 | B");
    speakers(libri, "3168 | M | train-clean-100 | 1 | C");
    audio(ocean, "train", "3168", "1", 1);
    audio(ocean, "train", "1001", "1", 1);
    audio(libri, "train-clean-100", "3168", "42", 1);

    Dataset dataset = DatasetReader.read(List.of(ocean, libri), List.of("train", "train-clean-100"));

    assertEquals(List.of("1001", "speechocean762/3168"),
        dataset.subset("train").stream().map(Utterance::speakerId).sorted().toList());
    Utterance other = dataset.subset("train-clean-100").get(0);
    assertEquals("librispeech-sample/3168", other.speakerId());
    assertEquals(Gender.MALE, other.gender());
    assertEquals(List.of("1 speaker ids occur in more than one dataset root and are kept apart as "
        + "<root>/<id> (different corpora number their speakers independently): 3168"), dataset.warnings());
  }

  @Test
  void readsCsvManifestAsSubsetNamedAfterTheFile() throws Exception {
    Path manifest = root.resolve("mine.csv");
    Files.writeString(manifest, "path,gender,speaker\nclips/a.wav,female,anna\n\"clips/b, c.wav\",M,\nclips/d.flac,male,bob\n");

    Dataset dataset = DatasetReader.read(List.of(manifest), List.of("mine"));

    List<Utterance> utterances = dataset.subset("mine");
    assertEquals(3, utterances.size());
    assertEquals(root.resolve("clips/a.wav"), utterances.get(0).audio());
    assertEquals("anna", utterances.get(0).speakerId());
    assertEquals(Gender.FEMALE, utterances.get(0).gender());
    assertEquals("b, c.wav", utterances.get(1).speakerId());
    assertEquals(Gender.MALE, utterances.get(1).gender());
  }

  @Test
  void badManifestGenderNamesTheRow() throws Exception {
    Path manifest = root.resolve("bad.csv");
    Files.writeString(manifest, "a.wav,female\nb.wav,robot\n");
    DatasetException e = assertThrows(DatasetException.class,
        () -> DatasetReader.read(List.of(manifest), List.of("bad")));
    assertTrue(e.getMessage().contains("bad.csv:2: 'robot' is not a gender"), e.getMessage());
  }

  @Test
  void missingDirectorySaysWhereItLookedAndHowToGetLibriSpeech() {
    Path missing = root.resolve("nowhere");
    DatasetException e = assertThrows(DatasetException.class,
        () -> DatasetReader.read(List.of(missing), List.of("dev-clean")));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("openslr.org/12"), e.getMessage());
  }

  @Test
  void missingSpeakersFileIsExplained() throws Exception {
    Files.createDirectories(root.resolve("dev-clean"));
    DatasetException e = assertThrows(DatasetException.class,
        () -> DatasetReader.read(List.of(root), List.of("dev-clean")));
    assertTrue(e.getMessage().startsWith("No SPEAKERS.TXT in " + root), e.getMessage());
  }

  @Test
  void missingSubsetListsThoseThatExist() throws Exception {
    speakers(root, "1 | F | train | 1 | A");
    audio(root, "train", "1", "1", 1);
    DatasetException e = assertThrows(DatasetException.class,
        () -> DatasetReader.read(List.of(root), List.of("dev-clean")));
    assertTrue(e.getMessage().contains("Subset 'dev-clean' was not found"), e.getMessage());
    assertTrue(e.getMessage().contains("it has subsets train"), e.getMessage());
  }
}
