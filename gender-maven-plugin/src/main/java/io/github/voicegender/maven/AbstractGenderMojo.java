package io.github.voicegender.maven;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.dataset.Dataset;
import io.github.voicegender.dataset.DatasetException;
import io.github.voicegender.dataset.DatasetLocation;
import io.github.voicegender.dataset.DatasetReader;
import io.github.voicegender.features.FeatureConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: where the data is, which subsets, where outputs go. Mojos stay thin: they
 * translate parameters into gender-core calls and its exceptions into Maven's.
 */
abstract class AbstractGenderMojo extends AbstractMojo {

  /**
   * Root of a LibriSpeech-layout dataset (with SPEAKERS.TXT), a CSV manifest, or several separated
   * by commas. When not given here or as {@code -Dgender.datasetDir}, the GENDER_DATASET_DIR
   * environment variable, then a .env file in the project root, then datasets/LibriSpeech under
   * the execution root are used.
   */
  @Parameter(property = DatasetLocation.PROPERTY)
  String datasetDir;

  /** Subsets used for training, comma-separated. */
  @Parameter(property = "gender.trainSubsets", defaultValue = "train-clean-100")
  String trainSubsets;

  /** Subsets used for evaluation, comma-separated. */
  @Parameter(property = "gender.evalSubsets", defaultValue = "dev-clean")
  String evalSubsets;

  /** Where extracted features are stored. */
  @Parameter(property = "gender.featuresDir", defaultValue = "${project.build.directory}/gender/features")
  File featuresDir;

  /**
   * Feature parameters that differ from the defaults, by name (see FeatureConfig), for example
   * {@code <features><trimTopDb>30</trimTopDb></features>}.
   */
  @Parameter
  Map<String, String> features;

  /** Worker threads; 0 means one per core. */
  @Parameter(property = "gender.threads", defaultValue = "0")
  int threads;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  PipelineLog pipelineLog() {
    return new MavenPipelineLog(getLog());
  }

  DatasetLocation datasetLocation() throws MojoFailureException {
    try {
      return DatasetLocation.resolve(session.getUserProperties().getProperty(DatasetLocation.PROPERTY),
          datasetDir, System.getenv(), projectRoot(), executionRoot());
    } catch (DatasetException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  /** Reads the subsets from the dataset roots, logging where they are and what the reader noticed. */
  Dataset readDataset(DatasetLocation location, List<String> subsets) throws MojoFailureException {
    getLog().info("Dataset " + location.roots() + " (from " + location.source() + "), subsets " + subsets);
    try {
      Dataset dataset = DatasetReader.read(location.roots(), subsets);
      dataset.warnings().forEach(getLog()::warn);
      return dataset;
    } catch (DatasetException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  /** Where Maven was started; relative dataset paths and the default dataset are resolved here. */
  Path executionRoot() {
    String root = session != null ? session.getExecutionRootDirectory() : null;
    return root != null ? Path.of(root).toAbsolutePath() : projectRoot();
  }

  /** The project's directory, where a .env file is looked for; the working directory without one. */
  Path projectRoot() {
    return project != null && project.getBasedir() != null
        ? project.getBasedir().toPath().toAbsolutePath() : Path.of("").toAbsolutePath();
  }

  FeatureConfig featureConfig() throws MojoFailureException {
    try {
      return FeatureConfig.defaults().with(features == null ? Map.of() : features);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("<features> configuration: " + e.getMessage(), e);
    }
  }

  int threadCount() throws MojoFailureException {
    if (threads < 0) {
      throw new MojoFailureException("gender.threads must be 0 (one per core) or more, was " + threads);
    }
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }

  static List<String> splitList(String commaSeparated) {
    return Arrays.stream(commaSeparated == null ? new String[0] : commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** The training subsets, then the evaluation subsets, without repeats. */
  List<String> trainAndEvalSubsets() {
    Set<String> subsets = new LinkedHashSet<>(splitList(trainSubsets));
    subsets.addAll(splitList(evalSubsets));
    return List.copyOf(subsets);
  }

  static MojoExecutionException bug(String what, Exception e) {
    return new MojoExecutionException(what + ": " + e, e);
  }
}
