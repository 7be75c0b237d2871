package io.github.voicegender.model;

import java.util.List;

/**
 * How a model was made, saved as {@code bundle.json} in every {@link ModelBundle}.
 *
 * @param formatVersion layout of the bundle ({@link ModelBundle#FORMAT_VERSION})
 * @param featureFormatVersion {@code FeatureConfig.FORMAT_VERSION} of the code that computed the
 *     training features
 * @param featureFingerprint {@code FeatureConfig.fingerprint()} of the bundle's feature configuration
 * @param vectorLength features per utterance the network takes
 * @param labels output classes, index 0 first
 * @param datasetFingerprint hash of the training rows' paths, sizes and labels
 * @param trainingKey hash of everything that decides the trained network (dataset and feature
 *     fingerprints, training configuration without the device, engine, bundle format); equal keys
 *     mean retraining would give the same model
 * @param subsets training subsets
 * @param datasetRoots dataset roots the subsets were read from (for the record only)
 * @param seed training seed
 * @param training every training parameter
 * @param engine DJL engine that trained
 * @param device device that trained
 * @param validation the kept network on the speaker-disjoint validation speakers
 * @param projectVersion version of the project that trained the model, when known
 * @param toolVersion version of gender-core that trained it
 * @param createdAt ISO-8601 instant
 */
public record BundleMetadata(int formatVersion, int featureFormatVersion, String featureFingerprint,
    int vectorLength, List<String> labels, String datasetFingerprint, String trainingKey,
    List<String> subsets, List<String> datasetRoots, long seed, TrainingConfig training,
    String engine, String device, Validation validation, String projectVersion, String toolVersion,
    String createdAt) {

  /**
   * @param accuracy accuracy on the validation rows
   * @param balancedAccuracy mean per-class recall on them
   * @param loss class-weighted cross-entropy on them
   * @param bestEpoch the epoch kept
   * @param epochsRun epochs run before stopping
   * @param trainRows utterances trained on
   * @param trainSpeakers speakers trained on
   * @param validationRows utterances held out
   * @param validationSpeakers speakers held out
   * @param trainingSeconds wall time of training
   */
  public record Validation(double accuracy, double balancedAccuracy, double loss, int bestEpoch,
      int epochsRun, int trainRows, int trainSpeakers, int validationRows, int validationSpeakers,
      double trainingSeconds) {}
}
