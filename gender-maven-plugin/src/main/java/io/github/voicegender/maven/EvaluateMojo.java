package io.github.voicegender.maven;

import io.github.voicegender.dataset.Dataset;
import io.github.voicegender.dataset.DatasetLocation;
import io.github.voicegender.evaluation.EvaluationJson;
import io.github.voicegender.evaluation.EvaluationResult;
import io.github.voicegender.evaluation.Metrics;
import io.github.voicegender.evaluation.ScoredUtterance;
import io.github.voicegender.extraction.AudioFeatureExtractor;
import io.github.voicegender.extraction.ExtractionSummary;
import io.github.voicegender.extraction.FeatureExtraction;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.extraction.FeatureStore;
import io.github.voicegender.features.FeatureConfig;
import io.github.voicegender.model.GenderClassifier;
import io.github.voicegender.report.EvaluationReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Evaluates a model on the evaluation subsets without retraining: extracts their features with the
 * model's own feature configuration (incrementally), classifies every utterance, and writes
 * {@code evaluation.json} and {@code evaluation.html} under {@code target/gender/}. With {@code
 * gender.minAccuracy} it is a quality gate that fails the build below that accuracy.
 */
@Mojo(name = "evaluate", defaultPhase = LifecyclePhase.TEST, requiresProject = false, threadSafe = true)
public class EvaluateMojo extends AbstractModelMojo {

  /** Fail the build when utterance accuracy is below this (0 to 1); unset: no gate. */
  @Parameter(property = "gender.minAccuracy")
  Double minAccuracy;

  /** Skip this goal. */
  @Parameter(property = "gender.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping evaluation (gender.skip=true).");
      return;
    }
    if (minAccuracy != null && (minAccuracy < 0 || minAccuracy > 1)) {
      throw new MojoFailureException("gender.minAccuracy must be between 0 and 1, was " + minAccuracy);
    }
    List<String> subsets = splitList(evalSubsets);
    if (subsets.isEmpty()) {
      throw new MojoFailureException("gender.evalSubsets names no subset.");
    }
    ResolvedModel model = resolveModel();
    DatasetLocation location = datasetLocation();
    Dataset dataset = readDataset(location, subsets);

    try (GenderClassifier classifier = model.open()) {
      FeatureConfig config = classifier.featureConfig();
      FeatureStore store = new FeatureStore(storeFor(config));
      ExtractionSummary extracted = new FeatureExtraction(config, () -> new AudioFeatureExtractor(config),
          threadCount(), false, pipelineLog(), Duration.ofSeconds(10)).run(dataset, store);
      if (!extracted.failures().isEmpty()) {
        getLog().warn(extracted.failures().size() + " files could not be evaluated (no usable speech or "
            + "unreadable; listed in " + store.directory().resolve(FeatureStore.FAILURES_FILE) + ")");
      }
      List<FeatureRow> rows = new ArrayList<>();
      extracted.rows().values().forEach(rows::addAll);
      if (rows.isEmpty()) {
        throw new MojoFailureException("No utterance of " + subsets + " could be evaluated.");
      }
      double[] probabilities = classifier.probabilityFemale(rows.stream().map(FeatureRow::vector).toList());
      List<ScoredUtterance> scored = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        scored.add(ScoredUtterance.of(rows.get(i), probabilities[i]));
      }
      EvaluationResult result = EvaluationResult.of(scored);

      Map<String, Object> info = new LinkedHashMap<>();
      info.put("model", model.description());
      info.put("dataset", location.roots().stream().map(Path::toString).toList());
      info.put("evaluatedSubsets", subsets);
      info.put("skippedFiles", extracted.failures().size());
      Path output = outputDir.toPath();
      EvaluationJson.write(result, info, output.resolve(EvaluationJson.FILE_NAME));
      Path html = EvaluationReport.write(result, info, output);
      log(result);
      getLog().info("Evaluation written to " + output.resolve(EvaluationJson.FILE_NAME) + " and " + html);

      if (minAccuracy != null) {
        Optional<String> failure = result.check(minAccuracy);
        if (failure.isPresent()) {
          throw new MojoFailureException(failure.get());
        }
        getLog().info(String.format(Locale.ROOT, "Quality gate passed: accuracy %.4f >= %.4f",
            result.accuracy(), minAccuracy));
      }
    } catch (IOException e) {
      throw new MojoExecutionException("Evaluation failed: " + e.getMessage(), e);
    }
  }

  /**
   * The feature store of the project when it holds (or can hold) features of this configuration; a
   * store of its own beside it otherwise, so evaluating another model does not wipe the project's.
   */
  private Path storeFor(FeatureConfig config) throws IOException {
    Path store = featuresDir.toPath();
    Optional<FeatureConfig> stored = new FeatureStore(store).readConfig();
    return stored.isEmpty() || stored.get().equals(config)
        ? store : store.resolveSibling(store.getFileName() + "-" + config.fingerprint());
  }

  private void log(EvaluationResult result) {
    getLog().info(line("all", result.overall()));
    if (result.subsets().size() > 1) {
      result.subsets().forEach((subset, metrics) -> getLog().info(line(subset, metrics)));
    }
  }

  private static String line(String name, Metrics metrics) {
    return String.format(Locale.ROOT,
        "%s: %d utterances, accuracy %.4f, balanced accuracy %.4f, %d of %d speakers right by majority",
        name, metrics.utterances(), metrics.accuracy(), metrics.balancedAccuracy(),
        metrics.speakersCorrect(), metrics.speakers());
  }
}
