package io.github.voicegender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationJsonTest {
  private static final double EPS = 1e-12;

  @TempDir Path dir;

  private static EvaluationResult twoSubsets() {
    List<ScoredUtterance> scored = new ArrayList<>(new Scored("dev-clean")
        .male("m1", 0.1, 0.2, 0.3, 0.9)
        .male("m2", 0.0, 0.4, 0.49, 0.05)
        .female("f1", 0.5, 0.2)
        .list());
    scored.addAll(new Scored("test").female("f2", 0.8, 0.7).list());
    return EvaluationResult.of(scored);
  }

  @Test
  void writesTheContractFieldsOverallAndPerSubset() throws IOException {
    Path target = dir.resolve("gender/evaluation.json");
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("model", Map.of("name", "gender-mlp", "version", "1.2.0"));
    info.put("dataset", Map.of("roots", List.of(Path.of("/data/LibriSpeech"))));
    EvaluationJson.write(twoSubsets(), info, target);

    JsonNode json = new ObjectMapper().readTree(target.toFile());
    assertEquals(12, json.get("utterances").asInt());
    assertEquals(10.0 / 12, json.get("accuracy").asDouble(), EPS);
    assertEquals((7.0 / 8 + 3.0 / 4) / 2, json.get("balancedAccuracy").asDouble(), EPS);
    assertEquals(4, json.get("speakers").asInt());
    assertEquals(3, json.get("speakersCorrect").asInt());
    assertEquals(0.75, json.get("speakerAccuracy").asDouble(), EPS);
    assertEquals(7.0 / 8, json.at("/precision/male").asDouble(), EPS);
    assertEquals(3.0 / 4, json.at("/precision/female").asDouble(), EPS);
    assertEquals(3.0 / 4, json.at("/recall/female").asDouble(), EPS);
    assertEquals(0.75, json.at("/f1/female").asDouble(), EPS);
    assertEquals(8, json.at("/support/male").asInt());
    assertEquals(7, json.at("/confusion/male/male").asInt());
    assertEquals(1, json.at("/confusion/male/female").asInt());
    assertEquals(1, json.at("/confusion/female/male").asInt());
    assertEquals(3, json.at("/confusion/female/female").asInt());
    assertTrue(json.get("rocAuc").isNumber());
    assertEquals(0.5, json.get("threshold").asDouble());

    JsonNode dev = json.at("/subsets/dev-clean");
    assertEquals(10, dev.get("utterances").asInt());
    assertEquals(0.8, dev.get("accuracy").asDouble(), EPS);
    assertEquals(0.6875, dev.get("balancedAccuracy").asDouble(), EPS);
    assertEquals(3, dev.get("speakers").asInt());
    JsonNode test = json.at("/subsets/test");
    assertEquals(1.0, test.get("accuracy").asDouble(), EPS);
    assertTrue(test.get("rocAuc").isNull(), "AUC is undefined with one class: null, not NaN");
    assertEquals(List.of("dev-clean", "test"), iterate(json.get("subsets").fieldNames()));

    assertEquals("f1", json.at("/perSpeaker/0/speaker").asText(), "IDs that are not numbers sort as text");
    assertEquals(false, json.at("/perSpeaker/0/correct").asBoolean());
    assertEquals(true, json.at("/perSpeaker/0/tie").asBoolean());
    JsonNode speaker = json.at("/perSpeaker/1");
    assertEquals("m1", speaker.get("speaker").asText());
    assertEquals("male", speaker.get("truth").asText());
    assertEquals(4, speaker.get("utterances").asInt());
    assertEquals(0.75, speaker.get("accuracy").asDouble(), EPS);
    assertEquals("male", speaker.get("verdict").asText());
    assertTrue(speaker.get("correct").asBoolean());

    JsonNode worst = json.at("/worst/0");
    assertEquals("/corpus/dev-clean/m1/m1-3.flac", worst.get("path").asText());
    assertEquals("female", worst.get("predicted").asText());
    assertEquals(0.9, worst.get("probabilityFemale").asDouble(), EPS);

    assertEquals("gender-mlp", json.at("/model/name").asText());
    assertEquals("/data/LibriSpeech", json.at("/dataset/roots/0").asText());
  }

  @Test
  void replacesAnExistingFileAndLeavesNoTemporaryBehind() throws IOException {
    Path target = dir.resolve("evaluation.json");
    Files.writeString(target, "old");
    EvaluationJson.write(twoSubsets(), Map.of(), target);
    assertEquals(12, new ObjectMapper().readTree(target.toFile()).get("utterances").asInt());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void theFileIsAsReadableAsAnyOtherTheProcessWrites() throws IOException {
    Path target = dir.resolve("evaluation.json");
    EvaluationJson.write(twoSubsets(), Map.of(), target);
    Path ordinary = Files.writeString(dir.resolve("ordinary.txt"), "x");
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(target),
          "not private like a temporary file");
    }
  }

  @Test
  void extraInformationCannotOverwriteAMetric() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvaluationJson.toJson(twoSubsets(), Map.of("accuracy", 1.0)));
    assertTrue(e.getMessage().contains("'accuracy'"), e.getMessage());
  }

  private static List<String> iterate(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
