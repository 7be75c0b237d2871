package io.github.voicegender.evaluation;

import io.github.voicegender.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.github.voicegender.dataset.Gender;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code evaluation.json}, the machine-readable result of an evaluation.
 *
 * <p>Layout: the threshold, then the overall block, then {@code subsets: {name: block}}, then the
 * caller's entries (model, dataset, ...). A block holds {@code utterances}, {@code accuracy},
 * {@code balancedAccuracy}, {@code speakers}, {@code speakersCorrect}, {@code speakerAccuracy},
 * {@code rocAuc}, per class ({@code male}, {@code female}) {@code precision}, {@code recall},
 * {@code f1} and {@code support}, {@code confusion} as {@code confusion[truth][predicted]}, the
 * per-speaker table ({@code perSpeaker}) and the worst-classified files ({@code worst}). A figure
 * that is undefined (the AUC when one class is missing) is {@code null}.
 */
public final class EvaluationJson {

  public static final String FILE_NAME = "evaluation.json";

  /** Worst-classified files listed per block. */
  public static final int WORST_LIMIT = 20;

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance));

  private EvaluationJson() {}

  /**
   * The JSON tree.
   *
   * @param info entries added at the top level after the metrics, such as {@code model} and
   *     {@code dataset} maps; values are converted by Jackson (maps, lists, strings, numbers,
   *     paths)
   * @throws IllegalArgumentException when an info key would replace a metric
   */
  public static ObjectNode toJson(EvaluationResult result, Map<String, ?> info) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("threshold", result.threshold());
    writeBlock(root, result.overall());
    ObjectNode subsets = root.putObject("subsets");
    result.subsets().forEach((name, metrics) -> writeBlock(subsets.putObject(name), metrics));
    for (Map.Entry<String, ?> entry : info.entrySet()) {
      if (root.has(entry.getKey())) {
        throw new IllegalArgumentException("'" + entry.getKey() + "' is a metric of "
            + FILE_NAME + " and cannot be replaced by extra information");
      }
      root.set(entry.getKey(), MAPPER.valueToTree(entry.getValue()));
    }
    return root;
  }

  /**
   * Writes {@link #toJson} to {@code target} atomically: readers see the previous file or the
   * complete new one, never a part.
   */
  public static void write(EvaluationResult result, Map<String, ?> info, Path target)
      throws IOException {
    byte[] content = MAPPER.writeValueAsBytes(toJson(result, info));
    AtomicFiles.write(target, content);
  }


  private static void writeBlock(ObjectNode node, Metrics metrics) {
    node.put("utterances", metrics.utterances());
    number(node, "accuracy", metrics.accuracy());
    number(node, "balancedAccuracy", metrics.balancedAccuracy());
    node.put("speakers", metrics.speakers());
    node.put("speakersCorrect", metrics.speakersCorrect());
    number(node, "speakerAccuracy", metrics.speakerAccuracy());
    number(node, "rocAuc", metrics.rocAuc());
    ObjectNode precision = node.putObject("precision");
    ObjectNode recall = node.putObject("recall");
    ObjectNode f1 = node.putObject("f1");
    ObjectNode support = node.putObject("support");
    ObjectNode confusion = node.putObject("confusion");
    for (Gender truth : Gender.values()) {
      ClassMetrics classMetrics = metrics.classMetrics(truth);
      number(precision, truth.label(), classMetrics.precision());
      number(recall, truth.label(), classMetrics.recall());
      number(f1, truth.label(), classMetrics.f1());
      support.put(truth.label(), classMetrics.support());
      ObjectNode row = confusion.putObject(truth.label());
      for (Gender predicted : Gender.values()) {
        row.put(predicted.label(), metrics.confusion().count(truth, predicted));
      }
    }
    ArrayNode speakers = node.putArray("perSpeaker");
    for (SpeakerResult speaker : metrics.speakerTable()) {
      ObjectNode row = speakers.addObject();
      row.put("speaker", speaker.speakerId());
      row.put("subset", speaker.subset());
      row.put("truth", speaker.truth().label());
      row.put("utterances", speaker.utterances());
      number(row, "accuracy", speaker.accuracy());
      number(row, "meanProbabilityFemale", speaker.meanProbabilityFemale());
      row.put("verdict", speaker.verdict().label());
      row.put("tie", speaker.tie());
      row.put("correct", speaker.correct());
    }
    ArrayNode worst = node.putArray("worst");
    for (ScoredUtterance utterance : metrics.worstClassified(WORST_LIMIT)) {
      ObjectNode row = worst.addObject();
      row.put("path", utterance.audio().toString());
      row.put("speaker", utterance.speakerId());
      row.put("subset", utterance.subset());
      row.put("truth", utterance.truth().label());
      row.put("predicted", utterance.predicted(metrics.threshold()).label());
      number(row, "probabilityFemale", utterance.probabilityFemale());
    }
  }

  private static void number(ObjectNode node, String name, double value) {
    if (Double.isFinite(value)) {
      node.put(name, value);
    } else {
      node.putNull(name);
    }
  }
}
