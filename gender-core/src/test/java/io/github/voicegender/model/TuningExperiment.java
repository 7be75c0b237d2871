package io.github.voicegender.model;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.features.FeatureConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the hyper-parameter experiment behind {@code docs/tuning.md}. Runs only when asked:
 *
 * <pre>
 * DJL_OFFLINE=true ./mvnw -q -B -o -pl gender-core test -Dtest=TuningExperiment -Dtuning=true \
 *   -Dtuning.layers=256,128 -Dtuning.dropout=0.3 -Dtuning.lr=0.001 -Dtuning.seeds=1,2,3 \
 *   [-Dtuning.features=name=value;name=value]
 * </pre>
 *
 * Every other TrainingConfig parameter can be set the same way ({@code tuning.batch},
 * {@code tuning.epochs}, {@code tuning.patience}, {@code tuning.weightDecay},
 * {@code tuning.validation}, {@code tuning.classWeighting}). One line per seed goes to stdout.
 */
@EnabledIfSystemProperty(named = "tuning", matches = "true")
class TuningExperiment {

  @Test
  void run() throws Exception {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String pair : System.getProperty("tuning.features", "").split(";")) {
      if (!pair.isBlank()) {
        String[] kv = pair.split("=", 2);
        overrides.put(kv[0].strip(), kv[1].strip());
      }
    }
    FeatureConfig features = FeatureConfig.defaults().with(overrides);
    long t0 = System.nanoTime();
    RealCorpus corpus = RealCorpus.load(features);
    String keep = System.getProperty("tuning.keep", "");
    if (!keep.isBlank()) {
      // Evidence on which features carry the cue: the others are set to 0 (constant after scaling).
      List<String> names = features.featureNames();
      corpus = corpus.masked(i -> names.get(i).matches(keep));
    }
    System.out.printf("features ready in %.1f s: %d train rows, %d test rows%n",
        (System.nanoTime() - t0) / 1e9, corpus.train.size(), corpus.test.size());
    for (String variant : System.getProperty("tuning.grid", "").split("\\|")) {
      Map<String, String> settings = new LinkedHashMap<>();
      for (String kv : variant.strip().split("\\s+")) {
        if (!kv.isBlank()) {
          String[] pair = kv.split("=", 2);
          settings.put("tuning." + pair[0], pair[1]);
        }
      }
      runVariant(corpus, features, overrides, settings);
    }
  }

  private static String get(Map<String, String> settings, String key, Object fallback) {
    return settings.getOrDefault(key, System.getProperty(key, String.valueOf(fallback)));
  }

  private void runVariant(RealCorpus corpus, FeatureConfig features, Map<String, String> overrides,
      Map<String, String> s) throws Exception {
    TrainingConfig d = TrainingConfig.defaults();
    for (String seed : get(s, "tuning.seeds", "42").split(",")) {
      TrainingConfig config = new TrainingConfig(
          TrainingConfig.parseLayers(get(s, "tuning.layers", join(d.hiddenLayers()))),
          Double.parseDouble(get(s, "tuning.dropout", d.dropout())),
          Integer.parseInt(get(s, "tuning.batch", d.batchSize())),
          Double.parseDouble(get(s, "tuning.lr", d.learningRate())),
          Double.parseDouble(get(s, "tuning.weightDecay", d.weightDecay())),
          Integer.parseInt(get(s, "tuning.epochs", d.epochs())),
          Integer.parseInt(get(s, "tuning.patience", d.patience())),
          Double.parseDouble(get(s, "tuning.validation", d.validationFraction())),
          Double.parseDouble(get(s, "tuning.noise", d.inputNoise())),
          Boolean.parseBoolean(get(s, "tuning.classWeighting", d.classWeighting())),
          Long.parseLong(seed.strip()), "cpu");
      TrainingResult result = new ModelTrainer(config, null,
          Boolean.getBoolean("tuning.verbose") ? new StdoutLog() : PipelineLog.SILENT).train(corpus.train);
      ModelBundle bundle = ModelBundle.of(result, features, config, corpus.train, List.of("train", "train-clean-100"),
          List.of(), null);
      try (GenderClassifier classifier = GenderClassifier.of(bundle)) {
        double[] p = classifier.probabilityFemale(corpus.test.stream().map(r -> r.vector()).toList());
        String e = RealCorpus.format(RealCorpus.evaluate(corpus.test, p));
        System.out.printf("TUNING layers=%s dropout=%s lr=%s wd=%s batch=%d epochs=%d patience=%d "
                + "val=%s noise=%s cw=%s features=%s keep=%s seed=%s | best epoch %d/%d val acc %.4f | %.1f s | %s%n",
            config.hiddenLayers(), config.dropout(), config.learningRate(), config.weightDecay(),
            config.batchSize(), config.epochs(), config.patience(), config.validationFraction(),
            config.inputNoise(), config.classWeighting(), overrides, System.getProperty("tuning.keep", ""), seed, result.bestEpoch(), result.epochs().size(),
            result.validationAccuracy(), result.seconds(), e);
      }
    }
  }

  private static String join(List<Integer> layers) {
    return String.join(",", layers.stream().map(String::valueOf).toList());
  }

  private static final class StdoutLog implements PipelineLog {
    @Override
    public void info(String message) {
      System.out.println(message);
    }

    @Override
    public void warn(String message) {
      System.out.println("WARN " + message);
    }
  }
}
