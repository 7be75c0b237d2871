package io.github.voicegender.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.evaluation.EvaluationResult;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.features.FeatureConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Training time per epoch on the CPU for each engine, on the shared corpus (speechocean762 {@code
 * train} + the LibriSpeech sample's {@code train-clean-100}) with the shipped training defaults, all
 * epochs run (no early stop). The engines take turns, so load on the machine hits both alike. An
 * epoch's time includes its validation pass. Prints a Markdown table for BENCHMARKS.md.
 *
 * <pre>./mvnw -q -B -pl gender-core test -Dtest=EngineBenchmarkTest -Dbenchmark=true</pre>
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class EngineBenchmarkTest {

  private static final List<String> ENGINES = List.of("MXNet", "PyTorch");
  private static final int ROUNDS = 5;
  private static final int EPOCHS = 15;

  @Test
  void trainingTimePerEpochByEngine() throws Exception {
    RealCorpus corpus = RealCorpus.load(FeatureConfig.defaults());
    TrainingConfig config = new TrainingConfig(TrainingConfig.defaults().hiddenLayers(),
        TrainingConfig.defaults().dropout(), TrainingConfig.defaults().batchSize(),
        TrainingConfig.defaults().learningRate(), TrainingConfig.defaults().weightDecay(), EPOCHS, 0,
        TrainingConfig.defaults().validationFraction(), TrainingConfig.defaults().inputNoise(),
        TrainingConfig.defaults().classWeighting(), TrainingConfig.defaults().seed(), "cpu");
    Map<String, List<Double>> firstEpochs = new LinkedHashMap<>();
    Map<String, List<Double>> laterEpochs = new LinkedHashMap<>();
    Map<String, List<Double>> totals = new LinkedHashMap<>();
    Map<String, List<Double>> accuracies = new LinkedHashMap<>();
    for (String engine : ENGINES) {
      // Load the engine and its natives once before timing anything.
      new ModelTrainer(config.withSeed(1), engine, PipelineLog.SILENT).train(corpus.train.subList(0, 200));
    }
    int trainRows = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (String engine : ENGINES) {
        TrainingResult result = new ModelTrainer(config, engine, PipelineLog.SILENT).train(corpus.train);
        trainRows = result.trainRows();
        List<EpochMetrics> epochs = result.epochs();
        firstEpochs.computeIfAbsent(engine, e -> new ArrayList<>()).add(epochs.get(0).seconds());
        for (EpochMetrics epoch : epochs.subList(1, epochs.size())) {
          laterEpochs.computeIfAbsent(engine, e -> new ArrayList<>()).add(epoch.seconds());
        }
        totals.computeIfAbsent(engine, e -> new ArrayList<>()).add(result.seconds());
        ModelBundle bundle = ModelBundle.of(result, FeatureConfig.defaults(), config, corpus.train,
            List.of("train", "train-clean-100"), List.of(), null);
        try (GenderClassifier classifier = GenderClassifier.of(bundle)) {
          EvaluationResult evaluation = RealCorpus.evaluate(corpus.test,
              classifier.probabilityFemale(corpus.test.stream().map(FeatureRow::vector).toList()));
          accuracies.computeIfAbsent(engine, e -> new ArrayList<>()).add(evaluation.accuracy());
        }
      }
    }
    System.out.printf(Locale.ROOT, "Training time per epoch on the CPU (%d training rows, %d cores, "
        + "MLP %s, batch %d, %d epochs x %d rounds):%n", trainRows, Runtime.getRuntime().availableProcessors(),
        config.hiddenLayers(), config.batchSize(), EPOCHS, ROUNDS);
    System.out.println("| engine | epoch 1 (s) | later epochs: median (s) | mean | min | max | train() total (s) | test accuracy |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (String engine : ENGINES) {
      List<Double> later = laterEpochs.get(engine).stream().sorted().toList();
      System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.3f | %s | %s |%n", engine,
          join(firstEpochs.get(engine), "%.3f"), later.get(later.size() / 2),
          later.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), later.get(0),
          later.get(later.size() - 1), join(totals.get(engine), "%.2f"), join(accuracies.get(engine), "%.3f"));
      assertTrue(accuracies.get(engine).stream().allMatch(a -> a > 0.8), engine + " " + accuracies.get(engine));
    }
  }

  private static String join(List<Double> values, String format) {
    return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, format, v)).toList());
  }
}
