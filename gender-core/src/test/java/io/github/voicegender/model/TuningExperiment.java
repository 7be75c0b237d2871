package io.github.voicegender.model;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.evaluation.EvaluationResult;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.features.FeatureConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the experiment behind {@code docs/tuning.md}. Runs only when asked:
 *
 * <pre>
 * DJL_OFFLINE=true ./mvnw -q -B -o -pl gender-core test -Dtest=TuningExperiment -Dtuning=true \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dtuning.settings=A,B,C \
 *   "-Dtuning.grid=seeds=42,1,2|noise=1.5 seeds=42,1,2|keep=means+pitch seeds=42,1,2" \
 *   [-Dtuning.features='name=value;name=value'] [-Dtuning.keep='regex of feature names kept']
 * </pre>
 *
 * <p>Every {@code |}-separated variant of {@code tuning.grid} is trained with each of its seeds on
 * each train/test setting of {@code tuning.settings} ({@link RealCorpus#setting}: {@code A}
 * speechocean762 to LibriSpeech, {@code B} LibriSpeech to speechocean762, {@code C} both to
 * speechocean762 {@code test}; default {@code C}). Keys of a variant, each also settable for all
 * variants as a {@code tuning.}-prefixed property:
 * <ul>
 *   <li>the TrainingConfig parameters {@code layers}, {@code dropout}, {@code lr},
 *       {@code weightDecay}, {@code batch}, {@code epochs}, {@code patience}, {@code validation},
 *       {@code noise}, {@code classWeighting}, and {@code seeds};
 *   <li>{@code features}: FeatureConfig overrides, {@code name=value} pairs joined by {@code ;};
 *   <li>{@code keep}: the features kept (the others set to 0, constant after scaling), one of
 *       {@link #KEEP}'s names or a regular expression matched against the feature names;
 *   <li>{@code derive=voicedMinusActive}: each MFCC mean replaced by its mean over voiced frames
 *       minus its mean over every active frame (a stationary channel adds the same to both);
 *   <li>{@code model=threshold}: no network, one threshold on the median log2 pitch, placed where
 *       it gives the best balanced accuracy on the training rows (the baseline to beat).
 * </ul>
 * One line per seed and setting, then one summary line per variant, go to stdout.
 */
@EnabledIfSystemProperty(named = "tuning", matches = "true")
class TuningExperiment {

  private static final String PITCH = "log2_pitch.*|pitch_std_semitones|voiced_fraction";

  /** Named feature subsets for {@code keep}. */
  static final Map<String, String> KEEP = Map.ofEntries(
      Map.entry("all", ".*"),
      Map.entry("pitch", PITCH),
      Map.entry("means+pitch", "mfcc\\d+_mean|" + PITCH),
      Map.entry("means1-12+pitch", "mfcc([1-9]|1[0-2])_mean|" + PITCH),
      Map.entry("means1-8+pitch", "mfcc[1-8]_mean|" + PITCH),
      Map.entry("means2-19+pitch", "mfcc([2-9]|1\\d)_mean|" + PITCH),
      Map.entry("means4-19+pitch", "mfcc([4-9]|1\\d)_mean|" + PITCH),
      Map.entry("stds+pitch", "mfcc\\d+_std|delta\\d+_std|" + PITCH),
      Map.entry("all-but-c1-mean", "(?!mfcc1_mean$).*"),
      Map.entry("all-but-c1-2-means", "(?!mfcc[1-2]_mean$).*"),
      Map.entry("all-but-c1-3-means", "(?!mfcc[1-3]_mean$).*"),
      Map.entry("all-but-c1-5-means", "(?!mfcc[1-5]_mean$).*"));

  private final Map<String, RealCorpus> corpora = new HashMap<>();

  @Test
  void run() throws Exception {
    List<String> settings = List.of(System.getProperty("tuning.settings", "C").split(","));
    for (String variant : System.getProperty("tuning.grid", "").split("\\|")) {
      Map<String, String> s = new LinkedHashMap<>();
      for (String kv : variant.strip().split("\\s+")) {
        if (!kv.isBlank()) {
          String[] pair = kv.split("=", 2);
          s.put("tuning." + pair[0], pair[1]);
        }
      }
      runVariant(variant.strip(), s, settings);
    }
  }

  private static String get(Map<String, String> settings, String key, Object fallback) {
    return settings.getOrDefault(key, System.getProperty(key, String.valueOf(fallback)));
  }

  private static FeatureConfig features(String overrides) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : overrides.split(";")) {
      if (!pair.isBlank()) {
        String[] kv = pair.split("=", 2);
        map.put(kv[0].strip(), kv[1].strip());
      }
    }
    return FeatureConfig.defaults().with(map);
  }

  private RealCorpus corpus(FeatureConfig features) throws Exception {
    RealCorpus corpus = corpora.get(features.fingerprint());
    if (corpus == null) {
      long t0 = System.nanoTime();
      corpus = RealCorpus.load(features);
      corpora.put(features.fingerprint(), corpus);
      System.out.printf("features %s ready in %.1f s%n", features.fingerprint(), (System.nanoTime() - t0) / 1e9);
    }
    return corpus;
  }

  private void runVariant(String name, Map<String, String> s, List<String> settings) throws Exception {
    FeatureConfig features = features(get(s, "tuning.features", ""));
    RealCorpus corpus = corpus(features);
    if ("voicedMinusActive".equals(get(s, "tuning.derive", ""))) {
      corpus = voicedMinusActive(corpus, features);
    }
    String keep = get(s, "tuning.keep", "");
    if (!keep.isBlank()) {
      String regex = KEEP.getOrDefault(keep, keep);
      List<String> names = features.featureNames();
      corpus = corpus.masked(i -> names.get(i).matches(regex));
    }
    boolean threshold = "threshold".equals(get(s, "tuning.model", "mlp"));
    TrainingConfig d = TrainingConfig.defaults();
    List<String> summary = new ArrayList<>();
    double worst = 1;
    double sum = 0;
    for (String setting : settings) {
      RealCorpus split = corpus.setting(setting);
      List<EvaluationResult> results = new ArrayList<>();
      for (String seed : threshold ? new String[] {"-"} : get(s, "tuning.seeds", "42").split(",")) {
        if (threshold) {
          EvaluationResult e = RealCorpus.evaluate(split.test, pitchThreshold(split, features));
          results.add(e);
          System.out.printf("TUNING %s | setting %s | %s%n", name, setting, RealCorpus.format(e));
          continue;
        }
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
            Boolean.getBoolean("tuning.verbose") ? new StdoutLog() : PipelineLog.SILENT).train(split.train);
        ModelBundle bundle = ModelBundle.of(result, features, config, split.train, split.trainSubsets,
            List.of(), null);
        try (GenderClassifier classifier = GenderClassifier.of(bundle)) {
          double[] p = classifier.probabilityFemale(split.test.stream().map(FeatureRow::vector).toList());
          EvaluationResult e = RealCorpus.evaluate(split.test, p);
          results.add(e);
          System.out.printf("TUNING %s | setting %s seed %s | best epoch %d/%d val acc %.4f | %.1f s | %s%n",
              name, setting, seed.strip(), result.bestEpoch(), result.epochs().size(),
              result.validationAccuracy(), result.seconds(), RealCorpus.format(e));
        }
      }
      double balanced = results.stream().mapToDouble(EvaluationResult::balancedAccuracy).average().orElse(0);
      worst = Math.min(worst, balanced);
      sum += balanced;
      summary.add(String.format(Locale.ROOT, "%s acc %s bal %s spk %s/%d", setting,
          range(results.stream().mapToDouble(EvaluationResult::accuracy).toArray(), "%.4f"),
          range(results.stream().mapToDouble(EvaluationResult::balancedAccuracy).toArray(), "%.4f"),
          range(results.stream().mapToDouble(r -> r.overall().speakersCorrect()).toArray(), "%.1f"),
          results.get(0).speakers()));
    }
    System.out.printf(Locale.ROOT, "SUMMARY %s | %s | balanced worst %.4f mean %.4f%n", name,
        String.join(" | ", summary), worst, sum / settings.size());
  }

  /** Mean (min–max), or the single value. */
  private static String range(double[] values, String format) {
    double mean = java.util.Arrays.stream(values).average().orElse(0);
    if (values.length == 1) {
      return String.format(Locale.ROOT, format, mean);
    }
    return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", mean,
        java.util.Arrays.stream(values).min().orElse(0), java.util.Arrays.stream(values).max().orElse(0));
  }

  /**
   * The same corpus with each MFCC mean (over voiced active frames) minus the same mean over every
   * active frame, taken from the features computed with {@code cepstralVoicedOnly=false}.
   */
  private RealCorpus voicedMinusActive(RealCorpus corpus, FeatureConfig features) throws Exception {
    RealCorpus active = corpus(features.with(Map.of("cepstralVoicedOnly", "false")));
    Map<Path, float[]> activeVectors = new HashMap<>();
    for (RealCorpus split : List.of(active.setting("A"), active.setting("B"))) {
      for (FeatureRow r : split.train) {
        activeVectors.put(r.audio(), r.vector());
      }
      for (FeatureRow r : split.test) {
        activeVectors.put(r.audio(), r.vector());
      }
    }
    int means = features.meanCount();
    return corpus.mapped((row, v) -> {
      float[] other = activeVectors.get(row.audio());
      for (int i = 0; i < means; i++) {
        v[i] -= other[i];
      }
      return v;
    });
  }

  /**
   * Female probability 1 or 0 from one threshold on the median log2 pitch, placed midway between
   * the two training values where balanced accuracy on the training rows is best.
   */
  private static double[] pitchThreshold(RealCorpus split, FeatureConfig features) {
    int median = features.featureNames().indexOf("log2_pitch_p50");
    double[] candidates = split.train.stream().mapToDouble(r -> r.vector()[median]).sorted().toArray();
    double best = Double.NaN;
    double bestScore = -1;
    for (int i = 0; i + 1 < candidates.length; i++) {
      double t = (candidates[i] + candidates[i + 1]) / 2;
      double[] p = split.train.stream().mapToDouble(r -> r.vector()[median] > t ? 1 : 0).toArray();
      double score = RealCorpus.evaluate(split.train, p).balancedAccuracy();
      if (score > bestScore) {
        bestScore = score;
        best = t;
      }
    }
    double t = best;
    System.out.printf(Locale.ROOT, "threshold %.1f Hz (training balanced accuracy %.4f)%n", Math.pow(2, t), bestScore);
    return split.test.stream().mapToDouble(r -> r.vector()[median] > t ? 1 : 0).toArray();
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
