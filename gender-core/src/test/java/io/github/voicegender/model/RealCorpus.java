package io.github.voicegender.model;

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
