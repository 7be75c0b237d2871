package io.github.voicegender.maven;

import io.github.voicegender.dataset.DatasetLocation;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.extraction.FeatureStore;
import io.github.voicegender.features.FeatureConfig;
import io.github.voicegender.model.BundleMetadata;
import io.github.voicegender.model.ModelBundle;
import io.github.voicegender.report.TrainingReport;
import io.github.voicegender.model.ModelTrainer;
import io.github.voicegender.model.TrainingConfig;
import io.github.voicegender.model.TrainingResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Trains the gender classifier on the extracted features of the training subsets and writes the
 * model bundle (network, scaler, feature configuration, metadata) to {@code gender.modelDir}, plus
 * the same bundle as one zip beside it and the per-epoch curves as CSV. A speaker-disjoint part of
 * the training speakers is held out for early stopping. Incremental: when the features, the
 * training configuration and the seed are those of the bundle already there, nothing is done.
 *
 * <p>Training parameters left unset take the tuned defaults of {@code TrainingConfig.defaults()}
 * (see docs/tuning.md).
 */
@Mojo(name = "train", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class TrainMojo extends AbstractGenderMojo {

  /** Where the model bundle directory is written; the zip form goes beside it as {@code <dir>.zip}. */
  @Parameter(property = "gender.modelDir", defaultValue = "${project.build.directory}/gender/model")
  File modelDir;

  /** Where training-curves.csv is written. */
  @Parameter(property = "gender.outputDir", defaultValue = "${project.build.directory}/gender")
  File outputDir;

  /** Hidden layer widths, comma-separated (default 256,128); empty for none. */
  @Parameter(property = "gender.hiddenLayers")
  String hiddenLayers;

  /** Dropout after each hidden layer (default 0.3). */
  @Parameter(property = "gender.dropout")
  Double dropout;

  /** Mini-batch size (default 64). */
  @Parameter(property = "gender.batchSize")
  Integer batchSize;

  /** Adam learning rate (default 0.001). */
  @Parameter(property = "gender.learningRate")
  Double learningRate;

  /** L2 weight decay (default 0.01). */
  @Parameter(property = "gender.weightDecay")
  Double weightDecay;

  /** Most epochs (default 60). */
  @Parameter(property = "gender.epochs")
  Integer epochs;

  /** Early-stopping patience in epochs, 0 for none (default 10). */
  @Parameter(property = "gender.patience")
  Integer patience;

  /** Share of training speakers held out for validation (default 0.2). */
  @Parameter(property = "gender.validationFraction")
  Double validationFraction;

  /** Standard deviation of Gaussian noise added to the scaled training inputs (default 1.0). */
  @Parameter(property = "gender.inputNoise")
  Double inputNoise;

  /** Weight the classes by their label counts (default true). */
  @Parameter(property = "gender.classWeighting")
  Boolean classWeighting;

  /** Seed of the split, shuffles and initialisation (default 42). */
  @Parameter(property = "gender.seed")
  Long seed;

  /**
   * {@code auto} (a GPU when the engine can use one, else the CPU, saying why when a GPU is there),
   * {@code cpu}, or {@code gpu} (fails, saying what was found and what to install, when there is no
   * usable GPU).
   */
  @Parameter(property = "gender.device", defaultValue = "auto")
  String device;

  /**
   * DJL engine: {@code MXNet} (the default) or {@code PyTorch}; both ship with the plugin, CPU
   * natives from Maven Central. A bundle trained with either predicts with either.
   */
  @Parameter(property = "gender.engine", defaultValue = ModelTrainer.DEFAULT_ENGINE)
  String engine;

  /** Train even when the bundle there is up to date. */
  @Parameter(property = "gender.force", defaultValue = "false")
  boolean force;

  /** Skip every gender goal. */
  @Parameter(property = "gender.skip", defaultValue = "false")
  boolean skip;

  /** Skip this goal only. */
  @Parameter(property = "gender.train.skip", defaultValue = "false")
  boolean skipTrain;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || skipTrain) {
      getLog().info("Skipping training (gender.skip / gender.train.skip).");
      return;
    }
    List<String> subsets = splitList(trainSubsets);
    if (subsets.isEmpty()) {
      throw new MojoFailureException("gender.trainSubsets names no subset.");
    }
    FeatureConfig featureConfig = featureConfig();
    TrainingConfig training = trainingConfig();
    List<FeatureRow> rows = readFeatures(featureConfig, subsets);

    Path bundleDir = modelDir.toPath().toAbsolutePath();
    String key = ModelBundle.trainingKey(ModelBundle.datasetFingerprint(rows), featureConfig, training,
        ModelTrainer.engineName(engine));
    Optional<BundleMetadata> existing = existingBundle(bundleDir);
    if (!force && existing.isPresent() && key.equals(existing.get().trainingKey())) {
      getLog().info("Model " + bundleDir + " is up to date (same features, training configuration and seed); "
          + "not training again. Use -Dgender.force=true to retrain.");
      return;
    }

    TrainingResult result;
    try {
      result = new ModelTrainer(training, engine, pipelineLog()).train(rows);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    ModelBundle bundle = ModelBundle.of(result, featureConfig, training, rows, subsets, datasetRoots(),
        project == null ? null : project.getVersion());
    Path zip = bundleDir.resolveSibling(bundleDir.getFileName() + ".zip");
    Path report;
    try {
      bundle.write(bundleDir);
      bundle.writeZip(zip);
      report = TrainingReport.write(result.epochs(), hyperParameters(training, result), outputDir.toPath());
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write the model bundle " + bundleDir + " or its report: "
          + e.getMessage(), e);
    }
    getLog().info(String.format("Model bundle %s (and %s): validation accuracy %.4f on %d held-out speakers; "
            + "training curves in %s", bundleDir, zip.getFileName(), result.validationAccuracy(),
        result.validationSpeakers(), report));
  }

  /** What the training report shows beside the curves. */
  private static Map<String, Object> hyperParameters(TrainingConfig training, TrainingResult result) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("hiddenLayers", training.hiddenLayers());
    shown.put("dropout", training.dropout());
    shown.put("batchSize", training.batchSize());
    shown.put("learningRate", training.learningRate());
    shown.put("weightDecay", training.weightDecay());
    shown.put("inputNoise", training.inputNoise());
    shown.put("epochs", training.epochs() + " at most, patience " + training.patience());
    shown.put("validationFraction", training.validationFraction());
    shown.put("classWeighting", training.classWeighting());
    shown.put("seed", training.seed());
    shown.put("engine", result.engine() + " on " + result.device());
    shown.put("bestEpoch", result.bestEpoch());
    shown.put("trainingRows", result.trainRows() + " of " + result.trainSpeakers() + " speakers");
    shown.put("validationRows", result.validationRows() + " of " + result.validationSpeakers() + " speakers");
    return shown;
  }

  TrainingConfig trainingConfig() throws MojoFailureException {
    TrainingConfig d = TrainingConfig.defaults();
    try {
      return new TrainingConfig(
          hiddenLayers == null ? d.hiddenLayers() : TrainingConfig.parseLayers(hiddenLayers),
          dropout == null ? d.dropout() : dropout,
          batchSize == null ? d.batchSize() : batchSize,
          learningRate == null ? d.learningRate() : learningRate,
          weightDecay == null ? d.weightDecay() : weightDecay,
          epochs == null ? d.epochs() : epochs,
          patience == null ? d.patience() : patience,
          validationFraction == null ? d.validationFraction() : validationFraction,
          inputNoise == null ? d.inputNoise() : inputNoise,
          classWeighting == null ? d.classWeighting() : classWeighting,
          seed == null ? d.seed() : seed,
          device);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage() + " (see the gender.* training parameters)", e);
    }
  }

  private List<FeatureRow> readFeatures(FeatureConfig config, List<String> subsets)
      throws MojoFailureException, MojoExecutionException {
    FeatureStore store = new FeatureStore(featuresDir.toPath());
    String extract = "Run gender:extract-features first (with -Dgender.subsets=" + String.join(",", subsets)
        + " and the same <features> configuration), or bind it before gender:train.";
    try {
      Optional<FeatureConfig> stored = store.readConfig();
      if (stored.isEmpty()) {
        throw new MojoFailureException("No features in " + store.directory() + ". " + extract);
      }
      if (!stored.get().equals(config)) {
        throw new MojoFailureException("The features in " + store.directory() + " were computed with another "
            + "feature configuration (" + stored.get().fingerprint() + ", this build's is "
            + config.fingerprint() + "). " + extract);
      }
      List<FeatureRow> rows = new ArrayList<>();
      for (String subset : subsets) {
        if (!store.hasTable(subset)) {
          throw new MojoFailureException("No features for training subset '" + subset + "' in "
              + store.directory() + ". " + extract);
        }
        rows.addAll(store.read(subset));
      }
      return rows;
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot read the feature store " + store.directory() + ": " + e.getMessage(), e);
    }
  }

  private Optional<BundleMetadata> existingBundle(Path bundleDir) {
    if (!Files.isRegularFile(bundleDir.resolve(ModelBundle.METADATA_FILE))) {
      return Optional.empty();
    }
    try {
      return Optional.of(ModelBundle.read(bundleDir).metadata());
    } catch (IOException e) {
      getLog().info("The bundle in " + bundleDir + " cannot be reused (" + e.getMessage() + "); training again.");
      return Optional.empty();
    }
  }

  /** For the record only: training needs just the features, so a missing dataset is no error. */
  private List<String> datasetRoots() {
    try {
      DatasetLocation location = datasetLocation();
      return location.roots().stream().map(Path::toString).toList();
    } catch (MojoFailureException e) {
      return List.of();
    }
  }
}
