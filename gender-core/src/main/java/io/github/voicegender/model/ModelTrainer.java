package io.github.voicegender.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.voicegender.PipelineLog;
import io.github.voicegender.dataset.Gender;
import io.github.voicegender.extraction.FeatureRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Trains the {@link GenderNetwork} on feature rows: speaker-disjoint validation split, scaler fit on
 * the training side only, class-weighted cross-entropy, Adam, early stopping on the validation
 * loss (the best epoch's network is kept). The same rows, configuration and seed give the same
 * network and metrics on the same engine and device.
 */
public final class ModelTrainer {

  public static final String DEFAULT_ENGINE = "MXNet";

  private final TrainingConfig config;
  private final String engineName;
  private final PipelineLog log;

  public ModelTrainer(TrainingConfig config, String engineName, PipelineLog log) {
    this.config = config;
    this.engineName = engineName(engineName);
    this.log = log;
  }

  /**
   * The engine's name as DJL spells it ({@code pytorch} is {@code PyTorch}), the default for none:
   * the name a bundle records and its training key uses.
   */
  public static String engineName(String name) {
    return GenderNetwork.canonicalEngineName(name);
  }

  /**
   * @throws IllegalArgumentException when the rows cannot train a classifier (empty, one gender
   *     only) or the device/engine asked for is not there; the message says which
   */
  public TrainingResult train(List<FeatureRow> rows) {
    long started = System.nanoTime();
    checkRows(rows);
    SpeakerSplit split = SpeakerSplit.of(rows, config.validationFraction(), config.seed());
    checkRows(split.train());
    FeatureScaler scaler = FeatureScaler.fit(split.train().stream().map(FeatureRow::vector).toList());
    Data train = Data.of(split.train(), scaler);
    Data validation = Data.of(split.validation(), scaler);
    float[] classWeights = classWeights(train.labels);
    int width = scaler.width();

    QuietEngine.apply();
    Engine engine = GenderNetwork.engine(engineName);
    Device device = GenderNetwork.device(engine, config.device(), log);
    engine.setRandomSeed((int) config.seed());
    log.info(String.format("Training on %d utterances of %d speakers, validating on %d of %d "
            + "(no speaker on both sides); %s on %s; hidden layers %s, class weights male %.3f female %.3f",
        train.size(), speakers(split.train()), validation.size(), speakers(split.validation()),
        engine.getEngineName(), device, config.hiddenLayers(), classWeights[GenderNetwork.MALE],
        classWeights[GenderNetwork.FEMALE]));

    SequentialBlock block = GenderNetwork.build(config.hiddenLayers(), config.dropout());
    DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(new WeightedCrossEntropy())
        .optOptimizer(Optimizer.adam()
            .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
            .optWeightDecays((float) config.weightDecay())
            .build())
        .optDevices(new Device[] {device});
    List<EpochMetrics> epochs = new ArrayList<>();
    try (Model model = Model.newInstance("voice-gender", device, engine.getEngineName())) {
      model.setBlock(block);
      try (Trainer trainer = model.newTrainer(trainingConfig)) {
        trainer.initialize(new Shape(config.batchSize(), width));
        Random shuffle = new Random(config.seed());
        byte[] best = null;
        int bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        Evaluation bestValidation = Evaluation.NONE;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
          long epochStart = System.nanoTime();
          Evaluation fit = trainEpoch(trainer, train, classWeights, shuffle);
          Evaluation held = validation.size() == 0 ? Evaluation.NONE
              : evaluate(trainer, validation, classWeights);
          double seconds = (System.nanoTime() - epochStart) / 1e9;
          epochs.add(new EpochMetrics(epoch, fit.loss, fit.accuracy, held.loss, held.accuracy, seconds));
          boolean improved = validation.size() == 0 || held.loss < bestLoss - 1e-6;
          log.info(String.format("epoch %3d/%d  loss %.4f  accuracy %.4f  validation loss %.4f  "
                  + "validation accuracy %.4f  %.1f s%s", epoch, config.epochs(), fit.loss,
              fit.accuracy, held.loss, held.accuracy, seconds, improved && validation.size() > 0 ? "  *" : ""));
          if (improved) {
            bestLoss = held.loss;
            bestEpoch = epoch;
            bestValidation = held;
            best = GenderNetwork.saveParameters(block);
          } else if (config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
            log.info("Early stop: no better validation loss for " + config.patience()
                + " epochs; keeping epoch " + bestEpoch);
            break;
          }
        }
        double total = (System.nanoTime() - started) / 1e9;
        log.info(String.format("Trained in %.1f s on %s; kept epoch %d (validation accuracy %.4f, "
                + "balanced %.4f)", total, device, bestEpoch, bestValidation.accuracy,
            bestValidation.balancedAccuracy));
        return new TrainingResult(scaler, config.hiddenLayers(), best, epochs, bestEpoch,
            bestValidation.accuracy, bestValidation.balancedAccuracy, bestValidation.loss,
            train.size(), validation.size(), speakers(split.train()), speakers(split.validation()),
            engine.getEngineName(), device.toString(), total);
      }
    }
  }

  private static void checkRows(List<FeatureRow> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("No training rows: extract features of the training subsets first");
    }
    long genders = rows.stream().map(FeatureRow::gender).distinct().count();
    if (genders < 2) {
      throw new IllegalArgumentException("The training rows hold only " + rows.get(0).gender().label()
          + " speakers; a classifier needs both genders");
    }
  }

  private static int speakers(List<FeatureRow> rows) {
    return rows.stream().map(FeatureRow::speakerId).collect(Collectors.toSet()).size();
  }

  /** {@code rows / (2 * rowsOfClass)}, or 1 and 1 when weighting is off. */
  private float[] classWeights(int[] labels) {
    if (!config.classWeighting()) {
      return new float[] {1f, 1f};
    }
    int[] counts = new int[2];
    for (int label : labels) {
      counts[label]++;
    }
    return new float[] {
      (float) labels.length / (2f * counts[0]), (float) labels.length / (2f * counts[1])
    };
  }

  private Evaluation trainEpoch(Trainer trainer, Data data, float[] classWeights, Random shuffle) {
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = shuffle.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double lossSum = 0;
    int correct = 0;
    int width = data.rows[0].length;
    for (int start = 0; start < order.length; start += config.batchSize()) {
      int n = Math.min(config.batchSize(), order.length - start);
      float[] x = new float[n * width];
      float[] y = new float[n];
      float[] w = new float[n];
      for (int b = 0; b < n; b++) {
        int row = order[start + b];
        System.arraycopy(data.rows[row], 0, x, b * width, width);
        if (config.inputNoise() > 0) {
          for (int i = b * width; i < (b + 1) * width; i++) {
            x[i] += (float) (config.inputNoise() * shuffle.nextGaussian());
          }
        }
        y[b] = data.labels[row];
        w[b] = classWeights[data.labels[row]];
      }
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDArray features = batch.create(x, new Shape(n, width));
        NDList labels = new NDList(batch.create(y), batch.create(w));
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList logits = trainer.forward(new NDList(features));
          NDArray loss = trainer.getLoss().evaluate(labels, logits);
          collector.backward(loss);
          lossSum += loss.getFloat() * n;
          correct += correctCount(logits.singletonOrThrow(), y);
        }
        trainer.step();
      }
    }
    return new Evaluation(lossSum / order.length, (double) correct / order.length, Double.NaN);
  }

  private static Evaluation evaluate(Trainer trainer, Data data, float[] classWeights) {
    int width = data.rows[0].length;
    float[] y = new float[data.size()];
    float[] w = new float[data.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = data.labels[i];
      w[i] = classWeights[data.labels[i]];
    }
    try (NDManager batch = trainer.getManager().newSubManager()) {
      NDArray features = batch.create(GenderNetwork.flatten(data.rows), new Shape(data.size(), width));
      NDList logits = trainer.evaluate(new NDList(features));
      double loss = trainer.getLoss().evaluate(new NDList(batch.create(y), batch.create(w)), logits).getFloat();
      float[] predicted = logits.singletonOrThrow().argMax(1).toType(DataType.FLOAT32, false).toFloatArray();
      int[] right = new int[2];
      int[] total = new int[2];
      for (int i = 0; i < y.length; i++) {
        total[(int) y[i]]++;
        if (predicted[i] == y[i]) {
          right[(int) y[i]]++;
        }
      }
      double balanced = ((double) right[0] / Math.max(1, total[0]) + (double) right[1] / Math.max(1, total[1])) / 2;
      return new Evaluation(loss, (double) (right[0] + right[1]) / y.length, balanced);
    }
  }

  private static int correctCount(NDArray logits, float[] y) {
    float[] predicted = logits.argMax(1).toType(DataType.FLOAT32, false).toFloatArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) {
      if (predicted[i] == y[i]) {
        correct++;
      }
    }
    return correct;
  }

  private record Evaluation(double loss, double accuracy, double balancedAccuracy) {
    static final Evaluation NONE = new Evaluation(Double.NaN, Double.NaN, Double.NaN);
  }

  /** Scaled rows and labels (0 male, 1 female). */
  private record Data(float[][] rows, int[] labels) {
    static Data of(List<FeatureRow> rows, FeatureScaler scaler) {
      float[][] x = new float[rows.size()][];
      int[] y = new int[rows.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = scaler.apply(rows.get(i).vector());
        y[i] = rows.get(i).gender() == Gender.FEMALE ? GenderNetwork.FEMALE : GenderNetwork.MALE;
      }
      return new Data(x, y);
    }

    int size() {
      return rows.length;
    }
  }

  /**
   * Cross-entropy over the two logits, each row weighted by its class weight: labels are {@code
   * [label, weight]}; the result is the mean over the batch.
   */
  static final class WeightedCrossEntropy extends Loss {
    WeightedCrossEntropy() {
      super("WeightedCrossEntropy");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      NDArray logProbabilities = predictions.singletonOrThrow().logSoftmax(1);
      NDArray label = labels.get(0).toType(DataType.INT32, false);
      NDArray picked = logProbabilities.mul(label.oneHot(2)).sum(new int[] {1});
      return picked.mul(labels.get(1)).neg().mean();
    }
  }
}
