package io.github.voicegender.model;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.dataset.DatasetReader;
import io.github.voicegender.extraction.AudioFeatureExtractor;
import io.github.voicegender.extraction.FeatureExtraction;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.extraction.FeatureStore;
import io.github.voicegender.features.FeatureConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Work that {@link InterruptedWorkTest} runs in a separate JVM and kills midway:
 *
 * <pre>
 *   extract &lt;dataset root&gt; &lt;subset&gt; &lt;store&gt;   feature extraction on one thread
 *   train &lt;model dir&gt; &lt;epochs&gt; &lt;writes&gt;       training of a synthetic problem, then the
 *                                            bundle written &lt;writes&gt; times over itself
 * </pre>
 *
 * It prints one line per milestone ({@code STARTED}, {@code TRAINED}, {@code WROTE n}, {@code DONE})
 * and flushes it, so the test can time its kill.
 */
public final class KillableWork {

  private KillableWork() {}

  public static void main(String[] args) throws Exception {
    FeatureConfig features = FeatureConfig.defaults();
    System.out.println("STARTED");
    System.out.flush();
    switch (args[0]) {
      case "extract" -> {
        new FeatureExtraction(features, () -> new AudioFeatureExtractor(features), 1, false,
            PipelineLog.SILENT, Duration.ofHours(1))
            .run(DatasetReader.read(List.of(Path.of(args[1])), List.of(args[2])), new FeatureStore(Path.of(args[3])));
      }
      case "train" -> {
        int epochs = Integer.parseInt(args[2]);
        PipelineLog progress = new PipelineLog() {
          @Override
          public void info(String message) {
            if (message.startsWith("epoch")) {
              System.out.println("EPOCH " + message.substring(5).strip().split("/")[0] + " ");
              System.out.flush();
            }
          }

          @Override
          public void warn(String message) {}
        };
        ModelBundle bundle = train(epochs, progress);
        System.out.println("TRAINED");
        System.out.flush();
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
          bundle.write(Path.of(args[1]));
          System.out.println("WROTE " + i);
          System.out.flush();
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.println("DONE");
    System.out.flush();
  }

  /** A synthetic problem; epochs decides how long it trains (no early stopping). */
  static ModelBundle train(int epochs, PipelineLog log) {
    FeatureConfig features = FeatureConfig.defaults();
    List<FeatureRow> rows = Rows.synthetic(20, 20, 40, features.vectorLength(), 5);
    TrainingConfig training =
        new TrainingConfig(List.of(64, 32), 0.1, 32, 0.005, 1e-4, epochs, 0, 0.2, 0.1, true, 11, "cpu");
    TrainingResult result = new ModelTrainer(training, null, log).train(rows);
    return ModelBundle.of(result, features, training, rows, List.of("train"), List.of("/corpus"), "test");
  }
}
