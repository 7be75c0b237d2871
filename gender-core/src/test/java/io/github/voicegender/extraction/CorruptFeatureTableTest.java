package io.github.voicegender.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.Mutations;
import io.github.voicegender.dataset.Gender;
import io.github.voicegender.features.FeatureConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test of reading a corrupted feature table (bit flips, truncations, random bytes,
 * invalid UTF-8), fixed seeds: {@link FeatureStore#read} returns well-formed rows or throws an
 * IOException naming the table, and the tolerant read that resumes an interrupted run never fails
 * on a damaged row; never another exception type or a hang.
 */
class CorruptFeatureTableTest {

  /** Bytes that mean something to these formats. */
  private static final byte[] SPECIAL_BYTES = {'\t', '\n', '\r', 0, (byte) 0xff, (byte) 0xc3, '-', 'e', '%', 'N'};

  private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(20);
  private final FeatureConfig config = FeatureConfig.defaults();

  @TempDir Path dir;

  private byte[] validTable() throws IOException {
    List<FeatureRow> rows = new ArrayList<>();
    Random random = new Random(1);
    for (int i = 0; i < 6; i++) {
      float[] vector = new float[config.vectorLength()];
      for (int k = 0; k < vector.length; k++) {
        vector[k] = (float) random.nextGaussian();
      }
      rows.add(new FeatureRow(dir.resolve("audio/é " + i + "%\t.flac"), "s" + i,
          i % 2 == 0 ? Gender.MALE : Gender.FEMALE, "train", 1000 + i, 1_700_000_000_000L + i, 2.5, vector));
    }
    FeatureStore store = new FeatureStore(dir.resolve("valid"));
    Files.createDirectories(store.directory());
    store.commit("train", config, rows);
    assertEquals(rows.size(), store.read("train").size());
    return Files.readAllBytes(store.tablePath("train"));
  }

  @Test
  void corruptedTables() throws Exception {
    byte[] valid = validTable();
    Random random = new Random(9001);
    FeatureStore store = new FeatureStore(dir.resolve("store"));
    Files.createDirectories(store.directory());
    int[] outcomes = new int[2];
    assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
      for (int i = 0; i < 1500; i++) {
        byte[] data = mutate(valid, random);
        Path table = Files.write(store.tablePath("train"), data);
        try {
          List<FeatureRow> rows = store.read("train");
          assertTrue(rows.size() <= 7, "case " + i);
          for (FeatureRow row : rows) {
            assertEquals("train", row.subset());
            assertTrue(row.audio() != null && row.gender() != null, "case " + i);
          }
          outcomes[0]++;
        } catch (IOException e) {
          assertTrue(e.getMessage() != null && e.getMessage().contains(table.toString()),
              "case " + i + ": " + e);
          outcomes[1]++;
        } catch (Throwable t) {
          throw new AssertionError("case " + i + ": unexpected " + t, t);
        }
        // The tolerant read of a resume skips damaged rows rather than failing the run.
        Files.move(table, store.partialPath("train"));
        try {
          Map<Path, FeatureRow> reusable = store.readReusable("train");
          assertTrue(reusable.size() <= 7, "case " + i);
        } catch (Throwable t) {
          throw new AssertionError("case " + i + " (partial): unexpected " + t, t);
        }
        Files.delete(store.partialPath("train"));
      }
    });
    assertTrue(outcomes[0] > 50 && outcomes[1] > 300, Arrays.toString(outcomes));
  }

  @Test
  void invalidUtf8NamesTheTable() throws Exception {
    byte[] data = validTable();
    data[data.length - 20] = (byte) 0xff;
    FeatureStore store = new FeatureStore(dir.resolve("utf8"));
    Files.createDirectories(store.directory());
    Path table = Files.write(store.tablePath("train"), data);

    IOException e = assertThrows(IOException.class, () -> store.read("train"));
    assertTrue(e.getMessage().contains(table.toString()), e.getMessage());
  }

  @Test
  void aPartialRowCutInsideItsLastNumberIsNotReused() throws Exception {
    byte[] table = validTable();
    FeatureStore store = new FeatureStore(dir.resolve("cut"));
    Files.createDirectories(store.directory());
    // A kill during the write of the last row: its line break and last two digits never arrived,
    // and what is left still parses as a number.
    Files.write(store.partialPath("train"), Arrays.copyOf(table, table.length - 3));
    Map<Path, FeatureRow> reusable = store.readReusable("train");
    assertEquals(5, reusable.size());
    assertTrue(reusable.keySet().stream().noneMatch(p -> p.toString().contains("é 5")), reusable.keySet().toString());

    Files.write(store.partialPath("train"), table);
    assertEquals(6, store.readReusable("train").size());
  }

  static byte[] mutate(byte[] valid, Random random) {
    return Mutations.mutate(valid, random, SPECIAL_BYTES, 40);
  }
}
