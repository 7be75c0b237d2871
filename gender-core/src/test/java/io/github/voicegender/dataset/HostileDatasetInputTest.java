package io.github.voicegender.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.Mutations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test of the dataset readers under hostile input: mutated {@code SPEAKERS.TXT} files and
 * CSV manifests (bit flips that break UTF-8, truncations, random bytes, stray quotes and
 * separators, NUL characters in paths), with fixed seeds. Each must be read into valid entries or
 * refused with a {@link DatasetException} naming the file: never another exception type or a hang.
 */
class HostileDatasetInputTest {

  /** Bytes that mean something to these formats. */
  private static final byte[] SPECIAL_BYTES = {'|', ',', '"', '\n', '\r', '\t', 0, (byte) 0xff, (byte) 0xc3, ';', ' '};

  private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private int accepted;
  private int refused;

  private static final String SPEAKERS = """
      ; reader_id | gender | subset | minutes | name
      ;ID  |SEX| SUBSET           |MINUTES| NAME
      9104 | F | train-clean-100  | 0.44  | Synthetic en-us+f1 p38 s158
      9117 | M | train-clean-100  | 0.44  | Synthetic en-us+m1 p36 s155
      60   | M | train-clean-100  | 20.18 | |CBW|Simon
      9185 | F | dev-clean        | 0.40  | Zoë Ünïcode
      """;

  private static final String MANIFEST = """
      path,gender,speaker
      a/one.wav,male,s1
      "b/two, with comma.flac",F,s2
      c/thrée.wav,female,
      d/four.wav,M,"s""4"
      """;

  @Test
  void mutatedSpeakersFiles() {
    Random random = new Random(7001);
    byte[] valid = SPEAKERS.getBytes(StandardCharsets.UTF_8);
    assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
      assertEquals(4, SpeakersFile.read(Files.write(dir.resolve("SPEAKERS.TXT"), valid)).size());
      for (int i = 0; i < 1500; i++) {
        Path file = Files.write(dir.resolve("SPEAKERS-" + i + ".TXT"), mutate(valid, random));
        try {
          Map<String, Speaker> speakers = SpeakersFile.read(file);
          for (Speaker speaker : speakers.values()) {
            assertNotNull(speaker.id(), file.toString());
            assertNotNull(speaker.gender(), file.toString());
          }
          accepted++;
        } catch (DatasetException e) {
          assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
          refused++;
        } catch (Throwable t) {
          throw new AssertionError(file + ": unexpected " + t, t);
        }
        Files.delete(file);
      }
    });
    assertTrue(accepted > 50 && refused > 50, accepted + " accepted, " + refused + " refused");
  }

  @Test
  void mutatedManifests() {
    Random random = new Random(7002);
    byte[] valid = MANIFEST.getBytes(StandardCharsets.UTF_8);
    assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
      Path good = Files.write(dir.resolve("good.csv"), valid);
      assertEquals(4, ManifestReader.read(good, "good").size());
      for (int i = 0; i < 1500; i++) {
        Path manifest = Files.write(dir.resolve("m" + i + ".csv"), mutate(valid, random));
        readManifestOrRefuse(manifest);
        Files.delete(manifest);
      }
    });
    assertTrue(accepted > 50 && refused > 50, accepted + " accepted, " + refused + " refused");
  }

  @Test
  void randomManifestsThroughTheDatasetReader() {
    Random random = new Random(7003);
    String alphabet = "ab/.,\"\n\r\t \0\\:;MFmalefemale|%\u00e9\u4e2d";
    assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
      for (int i = 0; i < 800; i++) {
        // Rows of random fields: paths and speakers from a hostile alphabet, genders mostly valid.
        String[] genders = {"male", "F", "m", "female", " M ", "x", "", "\"female\""};
        StringBuilder text = new StringBuilder();
        for (int row = random.nextInt(6); row > 0; row--) {
          text.append(randomField(random, alphabet)).append(',')
              .append(genders[random.nextInt(genders.length)]);
          if (random.nextBoolean()) {
            text.append(',').append(randomField(random, alphabet));
          }
          text.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
        }
        Path manifest = Files.writeString(dir.resolve("r" + i + ".csv"), text, StandardCharsets.UTF_8);
        try {
          Dataset dataset = DatasetReader.read(List.of(manifest), List.of("r" + i));
          dataset.utterances().forEach(u -> assertTrue(u.audio().isAbsolute(), u.toString()));
          accepted++;
        } catch (DatasetException e) {
          assertTrue(e.getMessage().contains(manifest.toString()), e.getMessage());
          refused++;
        } catch (Throwable t) {
          throw new AssertionError(manifest + ": unexpected " + t, t);
        }
        Files.delete(manifest);
      }
    });
    assertTrue(accepted > 20 && refused > 20, accepted + " accepted, " + refused + " refused");
  }

  @Test
  void nulInAManifestPathIsADatasetError() throws Exception {
    Path manifest = Files.writeString(dir.resolve("nul.csv"), "a\0b.wav,male,s1\n");

    DatasetException e = assertTimeoutPreemptively(BATCH_TIMEOUT,
        () -> org.junit.jupiter.api.Assertions.assertThrows(DatasetException.class,
            () -> ManifestReader.read(manifest, "nul")));
    assertTrue(e.getMessage().startsWith(manifest + ":1: "), e.getMessage());
  }

  @Test
  void rootAsAManifestPathIsADatasetError() throws Exception {
    Path manifest = Files.writeString(dir.resolve("root.csv"), "a.wav,F,s0\n/,male\n");

    DatasetException e = org.junit.jupiter.api.Assertions.assertThrows(DatasetException.class,
        () -> ManifestReader.read(manifest, "root"));
    assertEquals(manifest + ":2: '/' is not a file path", e.getMessage());
  }

  @Test
  void mutatedSpeakersFileThroughTheDatasetReader() {
    Random random = new Random(7004);
    byte[] valid = SPEAKERS.getBytes(StandardCharsets.UTF_8);
    assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
      Path root = dir.resolve("LibriSpeech");
      Path audio = root.resolve("train-clean-100/9104/1/9104-1-0000.wav");
      Files.createDirectories(audio.getParent());
      Files.write(audio, new byte[] {1});
      for (int i = 0; i < 400; i++) {
        Files.write(root.resolve(SpeakersFile.FILE_NAME), mutate(valid, random));
        try {
          Dataset dataset = DatasetReader.read(List.of(root), List.of("train-clean-100"));
          assertTrue(dataset.utterances().size() <= 1);
          accepted++;
        } catch (DatasetException e) {
          assertTrue(e.getMessage().contains(root.resolve(SpeakersFile.FILE_NAME).toString()),
              e.getMessage());
          refused++;
        } catch (Throwable t) {
          throw new AssertionError("case " + i + ": unexpected " + t, t);
        }
      }
    });
    assertTrue(accepted > 20 && refused > 20, accepted + " accepted, " + refused + " refused");
  }

  private static String randomField(Random random, String alphabet) {
    StringBuilder field = new StringBuilder();
    for (int c = 1 + random.nextInt(random.nextInt(5) == 0 ? 40 : 8); c > 0; c--) {
      field.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return field.toString();
  }

  private void readManifestOrRefuse(Path manifest) {
    try {
      List<Utterance> utterances = ManifestReader.read(manifest, "m");
      for (Utterance u : utterances) {
        assertTrue(u.audio().isAbsolute(), manifest.toString());
        assertNotNull(u.gender(), manifest.toString());
        assertFalse(u.speakerId().isEmpty(), manifest.toString());
      }
      accepted++;
    } catch (DatasetException e) {
      assertTrue(e.getMessage().contains(manifest.toString()), e.getMessage());
      refused++;
    } catch (Throwable t) {
      throw new AssertionError(manifest + ": unexpected " + t, t);
    }
  }

  static byte[] mutate(byte[] valid, Random random) {
    return Mutations.mutate(valid, random, SPECIAL_BYTES, 20);
  }
}
