package io.github.voicegender.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetStatisticsTest {

  private static Utterance utterance(String file, String speaker, Gender gender, String subset) {
    return new Utterance(Path.of("/data", file), speaker, gender, subset);
  }

  @Test
  void countsFilesSpeakersAndHoursPerSubsetAndGender() {
    List<Utterance> utterances = List.of(
        utterance("a1", "a", Gender.FEMALE, "train"),
        utterance("a2", "a", Gender.FEMALE, "train"),
        utterance("a3", "a", Gender.FEMALE, "train"),
        utterance("b1", "b", Gender.MALE, "train"),
        utterance("c1", "c", Gender.MALE, "test"));
    Map<Path, Double> seconds = Map.of(Path.of("/data/a1"), 1800.0, Path.of("/data/b1"), 1800.0,
        Path.of("/data/c1"), 360.0);

    DatasetStatistics statistics = DatasetStatistics.of(utterances, seconds);

    assertEquals(new DatasetStatistics.SubsetFigures(4, 3, 2, 1, 1.0), statistics.subsets().get("train"));
    assertEquals(new DatasetStatistics.SubsetFigures(1, 0, 1, 0, 0.1), statistics.subsets().get("test"));
    assertEquals(5, statistics.subsets().get("all").files());
    assertEquals(3, statistics.subsets().get("all").speakers());
    List<String> lines = statistics.format();
    assertEquals(4, lines.size());
    assertEquals("train                  4       3 ( 75.0%)       1 ( 25.0%)        2     1 ( 50.0%)     1 ( 50.0%)    1.00",
        lines.get(2));
  }
}
