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
 */
final class RealCorpus {

  final List<FeatureRow> train;
  final List<FeatureRow> test;


  private RealCorpus(List<FeatureRow> train, List<FeatureRow> test) {
    this.train = train;
    this.test = test;
  }

  /** The same rows with the features not kept set to 0. */
  RealCorpus masked(java.util.function.IntPredicate kept) {
    return new RealCorpus(mask(train, kept), mask(test, kept));
  }

  private static List<FeatureRow> mask(List<FeatureRow> rows, java.util.function.IntPredicate kept) {
    List<FeatureRow> out = new ArrayList<>();
    for (FeatureRow r : rows) {
      float[] v = r.vector().clone();
      for (int i = 0; i < v.length; i++) {
        if (!kept.test(i)) {
          v[i] = 0;
        }
      }
      out.add(new FeatureRow(r.audio(), r.speakerId(), r.gender(), r.subset(), r.fileSize(),
          r.lastModifiedMillis(), r.durationSeconds(), v));
    }
    return out;
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
        List.of("train", "train-clean-100", "test"));
    FeatureStore store = new FeatureStore(Path.of("target/real-corpus-features", config.fingerprint()));
    new FeatureExtraction(config, () -> new AudioFeatureExtractor(config),
        Runtime.getRuntime().availableProcessors(), false, PipelineLog.SILENT, Duration.ofMinutes(5))
        .run(dataset, store);
    List<FeatureRow> train = new ArrayList<>(store.read("train"));
    train.addAll(store.read("train-clean-100"));
    return new RealCorpus(List.copyOf(train), store.read("test"));
  }
}
