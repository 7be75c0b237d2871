package io.github.voicegender.maven;

import io.github.voicegender.dataset.Dataset;
import io.github.voicegender.dataset.DatasetLocation;
import io.github.voicegender.dataset.DatasetStatistics;
import io.github.voicegender.extraction.ExtractionFailedException;
import io.github.voicegender.extraction.ExtractionSummary;
import io.github.voicegender.extraction.FeatureExtraction;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.extraction.FeatureStore;
import io.github.voicegender.features.FeatureConfig;
import io.github.voicegender.extraction.AudioFeatureExtractor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Extracts one feature vector per utterance from the dataset's subsets into the feature store:
 * decode, resample to 16 kHz, remove DC offset, trim silence, MFCC + deltas + pitch, statistics.
 * Incremental: unchanged files keep their features.
 */
@Mojo(name = "extract-features", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class ExtractFeaturesMojo extends AbstractGenderMojo {

  private static final int FAILURES_LOGGED = 20;

  /** Subsets to extract, comma-separated; default: the training and evaluation subsets. */
  @Parameter(property = "gender.subsets")
  String subsets;

  /** Stop at the first bad file instead of reporting it and going on. */
  @Parameter(property = "gender.failOnError", defaultValue = "false")
  boolean failOnError;

  /** Seconds between progress lines. */
  @Parameter(property = "gender.progressSeconds", defaultValue = "10")
  int progressSeconds;

  /** Skip this goal. */
  @Parameter(property = "gender.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping feature extraction (gender.skip=true).");
      return;
    }
    List<String> wanted = subsets == null || subsets.isBlank() ? trainAndEvalSubsets() : splitList(subsets);
    if (wanted.isEmpty()) {
      throw new MojoFailureException("gender.subsets names no subset.");
    }
    FeatureConfig config = featureConfig();
    DatasetLocation location = datasetLocation();
    Dataset dataset = readDataset(location, wanted);

    FeatureStore store = new FeatureStore(featuresDir.toPath());
    FeatureExtraction extraction = new FeatureExtraction(config,
        () -> new AudioFeatureExtractor(config), threadCount(), failOnError, pipelineLog(),
        Duration.ofSeconds(Math.max(1, progressSeconds)));
    ExtractionSummary summary;
    try {
      summary = extraction.run(dataset, store);
    } catch (ExtractionFailedException e) {
      throw new MojoFailureException("Stopped at a bad file (gender.failOnError=true): " + e.getMessage()
          + ". Fix or remove it, or set gender.failOnError=false to skip bad files.", e);
    } catch (IOException e) {
      throw new MojoExecutionException("Feature extraction failed: " + e.getMessage(), e);
    }

    Map<Path, Double> durations = new HashMap<>();
    summary.rows().values().forEach(rows -> rows.forEach(
        (FeatureRow row) -> durations.put(row.audio(), row.durationSeconds())));
    DatasetStatistics.of(dataset.utterances(), durations).format().forEach(getLog()::info);
    if (!summary.failures().isEmpty()) {
      getLog().warn(summary.failures().size() + " files were skipped (listed in "
          + store.directory().resolve(FeatureStore.FAILURES_FILE) + "):");
      summary.failures().stream().limit(FAILURES_LOGGED).forEach(
          failure -> getLog().warn("  " + failure.audio() + ": " + failure.reason()));
      if (summary.failures().size() > FAILURES_LOGGED) {
        getLog().warn("  and " + (summary.failures().size() - FAILURES_LOGGED) + " more");
      }
    }
    getLog().info("Features in " + store.directory() + ": " + summary.format());
  }
}
