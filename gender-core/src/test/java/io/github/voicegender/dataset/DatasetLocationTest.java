package io.github.voicegender.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocationTest {

  @TempDir Path project;

  private final Map<String, String> environment = Map.of("GENDER_DATASET_DIR", "/env/data");

  @Test
  void userPropertyWinsOverEverything() throws Exception {
    Files.writeString(project.resolve(".env"), "GENDER_DATASET_DIR=from-dotenv\n");
    DatasetLocation location =
        DatasetLocation.resolve("/a, /b", "/configured", environment, project, project);
    assertEquals(List.of(Path.of("/a"), Path.of("/b")), location.roots());
    assertEquals("-Dgender.datasetDir", location.source());
  }

  @Test
  void configurationThenEnvironmentThenDotEnvThenDefault() throws Exception {
    assertEquals(List.of(Path.of("/configured")),
        DatasetLocation.resolve(null, "/configured", environment, project, project).roots());
    assertEquals(List.of(Path.of("/env/data")),
        DatasetLocation.resolve(" ", null, environment, project, project).roots());

    Files.writeString(project.resolve(".env"),
        "# where the corpus is\nOTHER=1\nexport GENDER_DATASET_DIR=\"corpora/LibriSpeech\"\n");
    DatasetLocation fromDotEnv = DatasetLocation.resolve(null, null, Map.of(), project, Path.of("/elsewhere"));
    assertEquals(List.of(project.resolve("corpora/LibriSpeech")), fromDotEnv.roots());
    assertEquals(project.resolve(".env").toString(), fromDotEnv.source());

    Files.delete(project.resolve(".env"));
    assertEquals(List.of(project.resolve("datasets/LibriSpeech")),
        DatasetLocation.resolve(null, null, Map.of(), project, project).roots());
  }
}
