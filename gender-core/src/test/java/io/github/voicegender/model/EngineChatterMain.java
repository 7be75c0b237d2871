package io.github.voicegender.model;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.extraction.FeatureRow;
import java.util.List;

/** Trains and loads a tiny model on the engine named by the first argument, in a JVM of its own. */
public final class EngineChatterMain {

  private EngineChatterMain() {}

  public static void main(String[] args) throws Exception {
    List<FeatureRow> rows = Rows.synthetic(4, 4, 4, 6, 3);
    TrainingConfig config = new TrainingConfig(List.of(4), 0, 8, 0.01, 0, 2, 0, 0.25, 0, true, 1, "auto");
    TrainingResult result = new ModelTrainer(config, args[0], PipelineLog.SILENT).train(rows);
    ModelBundle bundle = ModelBundle.of(result, io.github.voicegender.features.FeatureConfig.defaults(),
        config, rows, List.of("train"), List.of(), null);
    System.out.println("trained on " + result.engine() + " " + result.device() + ", bundle engine "
        + bundle.metadata().engine());
  }
}
