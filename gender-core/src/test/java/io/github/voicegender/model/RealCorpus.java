package io.github.voicegender.model;

import io.github.voicegender.evaluation.EvaluationResult;
import io.github.voicegender.evaluation.ScoredUtterance;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.SharedCorpus;
import io.github.voicegender.dataset.Dataset;
import io.github.voicegender.dataset.DatasetReader;
import io.github.voicegender.extraction.AudioFeatureExtractor;
import io.github.voicegender.extraction.FeatureExtraction;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.extraction.FeatureStore;
import io.github.voicegender.features.FeatureConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real-data setting: train on speechocean762 {@code train} + the LibriSpeech sample's
 * {@code train-clean-100}, test on speechocean762 {@code test} (61 speakers never trained on).
 * Features are extracted into a store under the module's {@code target/} and reused across runs.
 *
 * <p>{@link #setting} gives the same rows split another way, to measure how a model carries over to
 * a corpus it never saw (speakers, language, microphones):
 * <ul>
 *   <li>{@code A}: train speechocean762 {@code train} (67 speakers), test the LibriSpeech sample
 *       (126 speakers, one utterance each);
 *   <li>{@code B}: train the LibriSpeech sample, test speechocean762 {@code test} (61 speakers);
 *   <li>{@code C}: the in-corpus split above ({@link #train}, {@link #test}).
 * </ul>
 */
final class RealCorpus {

  /** The train/test settings {@link #setting} knows, in order. */
  static final List<String> SETTINGS = List.of("A", "B", "C");

  private static final String SPEECHOCEAN_TRAIN = "train";
  private static final String LIBRISPEECH = "train-clean-100";
  private static final String SPEECHOCEAN_TEST = "test";

  final List<FeatureRow> train;
  final List<FeatureRow> test;
  /** The subsets {@link #train} was drawn from, for a bundle's metadata. */
  final List<String> trainSubsets;
  private final String testSubset;
  private final List<FeatureRow> all;

  private RealCorpus(List<FeatureRow> all, List<String> trainSubsets, String testSubset) {
    this.all = all;
    this.trainSubsets = trainSubsets;
    this.testSubset = testSubset;
    this.train = all.stream().filter(r -> trainSubsets.contains(r.subset())).toList();
    this.test = all.stream().filter(r -> r.subset().equals(testSubset)).toList();
  }

  /**
   * The same rows split as setting {@code A}, {@code B} or {@code C} (see the class comment).
   *
   * @throws IllegalArgumentException for any other name
   */
  RealCorpus setting(String name) {
    return switch (name) {
      case "A" -> new RealCorpus(all, List.of(SPEECHOCEAN_TRAIN), LIBRISPEECH);
      case "B" -> new RealCorpus(all, List.of(LIBRISPEECH), SPEECHOCEAN_TEST);
      case "C" -> new RealCorpus(all, List.of(SPEECHOCEAN_TRAIN, LIBRISPEECH), SPEECHOCEAN_TEST);
      default -> throw new IllegalArgumentException("Unknown setting '" + name + "'; known: " + SETTINGS);
    };
  }

  /** The same rows with the features not kept set to 0. */
  RealCorpus masked(java.util.function.IntPredicate kept) {
    return mapped((row, v) -> {
      for (int i = 0; i < v.length; i++) {
        if (!kept.test(i)) {
          v[i] = 0;
        }
      }
      return v;
    });
  }

  /**
   * The same rows with every vector replaced by {@code change} applied to the row and a copy of its
   * vector.
   */
  RealCorpus mapped(java.util.function.BiFunction<FeatureRow, float[], float[]> change) {
    List<FeatureRow> out = new ArrayList<>();
    for (FeatureRow r : all) {
      float[] v = change.apply(r, r.vector().clone());
      out.add(new FeatureRow(r.audio(), r.speakerId(), r.gender(), r.subset(), r.fileSize(),
          r.lastModifiedMillis(), r.durationSeconds(), v));
    }
    return new RealCorpus(List.copyOf(out), trainSubsets, testSubset);
  }

  private static ModelBundle defaultModel;
  private static double defaultModelSeconds;

  /**
   * The model the shipped defaults train on this corpus, trained once per test run and shared by
   * the tests that need it.
   */
  static synchronized ModelBundle defaultModel(RealCorpus corpus) {
    if (defaultModel == null) {
      FeatureConfig features = FeatureConfig.defaults();
      TrainingConfig config = TrainingConfig.defaults().withDevice("cpu");
      long started = System.nanoTime();
      TrainingResult result = new ModelTrainer(config, null, PipelineLog.SILENT).train(corpus.train);
      defaultModelSeconds = (System.nanoTime() - started) / 1e9;
      defaultModel = ModelBundle.of(result, features, config, corpus.train,
          List.of("train", "train-clean-100"), List.of(), null);
    }
    return defaultModel;
  }

  /** How long training the default model took, in seconds (for the log, not for assertions). */
  static synchronized double defaultModelSeconds() {
    return defaultModelSeconds;
  }

  /** The project's own evaluation of rows scored by a model. */
  static EvaluationResult evaluate(List<FeatureRow> rows, double[] probabilityFemale) {
    List<ScoredUtterance> scored = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      scored.add(ScoredUtterance.of(rows.get(i), probabilityFemale[i]));
    }
    return EvaluationResult.of(scored);
  }

  /** One line: accuracy, balanced accuracy, speakers right, and which speakers are wrong. */
  static String format(EvaluationResult result) {
    List<String> wrong = result.overall().speakerTable().stream()
        .filter(s -> !s.correct()).map(s -> s.speakerId() + "(" + s.truth().label() + ")").toList();
    return String.format(java.util.Locale.ROOT,
        "utterances %d  accuracy %.4f  balanced %.4f  speakers right %d/%d %s", result.utterances(),
        result.accuracy(), result.balancedAccuracy(), result.overall().speakersCorrect(),
        result.speakers(), wrong);
  }

  static RealCorpus load(FeatureConfig config) throws IOException {
    Path speechocean = SharedCorpus.dataset("speechocean762");
    Path librispeech = SharedCorpus.dataset("librispeech-sample");
    Dataset dataset = DatasetReader.read(List.of(speechocean, librispeech),
        List.of(SPEECHOCEAN_TRAIN, LIBRISPEECH, SPEECHOCEAN_TEST));
    FeatureStore store = new FeatureStore(Path.of("target/real-corpus-features", config.fingerprint()));
    new FeatureExtraction(config, () -> new AudioFeatureExtractor(config),
        Runtime.getRuntime().availableProcessors(), false, PipelineLog.SILENT, Duration.ofMinutes(5))
        .run(dataset, store);
    List<FeatureRow> all = new ArrayList<>(store.read(SPEECHOCEAN_TRAIN));
    all.addAll(store.read(LIBRISPEECH));
    all.addAll(store.read(SPEECHOCEAN_TEST));
    return new RealCorpus(List.copyOf(all), List.of(SPEECHOCEAN_TRAIN, LIBRISPEECH), SPEECHOCEAN_TEST);
  }
}
