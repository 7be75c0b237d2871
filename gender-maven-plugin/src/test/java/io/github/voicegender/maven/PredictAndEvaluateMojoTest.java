package io.github.voicegender.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict and evaluate with no model configured: they fall back to the pretrained model the
 * plugin ships, on the bundled synthetic sample (voices that model never heard).
 */
@MojoTest
class PredictAndEvaluateMojoTest {

  private static final String POM = "src/test/resources/unit/predict/pom.xml";
  private static final Path SAMPLE = Path.of("../datasets/LibriSpeech").toAbsolutePath().normalize();

  @TempDir Path output;

  @Test
  @InjectMojo(goal = "predict", pom = POM)
  void predictsEveryFileOfADirectoryAsTabSeparatedLines(PredictMojo mojo) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    mojo.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    mojo.modelDir = output.resolve("no-trained-model").toFile();
    mojo.file = SAMPLE.resolve("dev-clean").toFile();
    mojo.output = output.resolve("results.json").toFile();

    mojo.execute();

    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(20, lines.size(), String.join("\n", lines));
    long right = 0;
    for (String line : lines) {
      String[] fields = line.split("\t");
      assertEquals(3, fields.length, line);
      double probability = Double.parseDouble(fields[2]);
      assertTrue(probability >= 0.5 && probability <= 1, line);
      String speaker = Path.of(fields[0]).getFileName().toString().substring(0, 4);
      String truth = speaker.equals("9185") || speaker.equals("9207") ? "female" : "male";
      right += fields[1].equals(truth) ? 1 : 0;
    }
    assertTrue(right >= 18, right + " of 20 right:\n" + String.join("\n", lines));
    JsonNode json = new ObjectMapper().readTree(output.resolve("results.json").toFile());
    assertEquals(20, json.size());
    assertTrue(json.get(0).has("segments"), json.get(0).toString());
  }

  @Test
  @InjectMojo(goal = "predict", pom = POM)
  void aMissingFileIsOneClearLine(PredictMojo mojo) {
    mojo.file = new File("/no/such/clip.wav");
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertEquals("file=/no/such/clip.wav: no such file or directory (/no/such/clip.wav).", e.getMessage());
  }

  @Test
  @InjectMojo(goal = "predict", pom = POM)
  void aFileThatIsNotAudioFailsNamingIt(PredictMojo mojo) throws Exception {
    Path text = Files.writeString(output.resolve("notes.wav"), "not audio at all");
    mojo.out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    mojo.modelDir = output.resolve("no-trained-model").toFile();
    mojo.file = text.toFile();
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertEquals(text + ": not a WAV or FLAC file", e.getMessage());
  }

  @Test
  @InjectMojo(goal = "evaluate", pom = POM)
  void evaluatesTheShippedModelAndGates(EvaluateMojo mojo) throws Exception {
    mojo.datasetDir = SAMPLE.toString();
    mojo.modelDir = output.resolve("no-trained-model").toFile();
    mojo.featuresDir = output.resolve("features").toFile();
    mojo.outputDir = output.resolve("gender").toFile();
    mojo.minAccuracy = 0.8;

    mojo.execute();

    JsonNode evaluation = new ObjectMapper().readTree(output.resolve("gender/evaluation.json").toFile());
    assertEquals(20, evaluation.get("utterances").asInt());
    assertEquals(4, evaluation.get("speakers").asInt());
    assertTrue(evaluation.get("accuracy").asDouble() >= 0.8, evaluation.toString());
    assertTrue(evaluation.get("subsets").has("dev-clean"));
    assertTrue(Files.size(output.resolve("gender/evaluation.html")) > 10_000);

    mojo.minAccuracy = 1.01;
    MojoFailureException outOfRange = assertThrows(MojoFailureException.class, mojo::execute);
    assertEquals("gender.minAccuracy must be between 0 and 1, was 1.01", outOfRange.getMessage());
  }
}
