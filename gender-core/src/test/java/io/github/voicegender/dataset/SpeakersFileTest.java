package io.github.voicegender.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeakersFileTest {

  @TempDir Path dir;

  @Test
  void readsPaddedFieldsSkipsCommentsAndKeepsPipesInNames() throws Exception {
    Path file = dir.resolve("SPEAKERS.TXT");
    Files.writeString(file, """
        ; Some pipe(|) separated metadata
        ;ID  |SEX| SUBSET           |MINUTES| NAME
        14   | F | train-clean-360  | 25.03 | Kristin LeMoine

        60   | M | train-clean-100  | 20.18 | |CBW|Simon
        """);
    Map<String, Speaker> speakers = SpeakersFile.read(file);
    assertEquals(2, speakers.size());
    assertEquals(new Speaker("14", Gender.FEMALE, "train-clean-360", "Kristin LeMoine"), speakers.get("14"));
    assertEquals(new Speaker("60", Gender.MALE, "train-clean-100", "|CBW|Simon"), speakers.get("60"));
  }

  @Test
  void badSexNamesFileAndLine() throws Exception {
    Path file = dir.resolve("SPEAKERS.TXT");
    Files.writeString(file, ";ID |SEX| SUBSET |MINUTES| NAME\n14 | X | dev-clean | 1.0 | Someone\n");
    DatasetException e = assertThrows(DatasetException.class, () -> SpeakersFile.read(file));
    assertTrue(e.getMessage().startsWith(file + ":2: 'X' is not a gender"), e.getMessage());
  }
}
