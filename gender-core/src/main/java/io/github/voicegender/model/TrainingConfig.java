package io.github.voicegender.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every parameter of training. The defaults are the ones tuned on real speech (see
 * {@code docs/tuning.md}); they are saved in every model bundle's metadata.
 *
 * @param hiddenLayers widths of the hidden layers of the MLP (ReLU, dropout after each)
 * @param dropout dropout rate after each hidden layer, in [0, 1)
 * @param batchSize rows per mini-batch
 * @param learningRate Adam's learning rate
 * @param weightDecay L2 weight decay of Adam (0 for none)
 * @param epochs most epochs to run
 * @param patience stop after this many epochs without a better validation loss (0: never stop early)
 * @param validationFraction share of the training speakers held out for validation (0: none, then
 *     the last epoch is kept)
 * @param inputNoise standard deviation of Gaussian noise added to each scaled training input
 *     (feature units are standard deviations), a regulariser against memorising speakers; 0 for none
 * @param classWeighting weight each class by {@code rows / (2 * rowsOfClass)} in the loss, so the
 *     rarer gender counts as much as the commoner
 * @param seed seeds the speaker split, the shuffles and the engine's random numbers
 * @param device {@code auto} (a GPU when the engine finds one), {@code cpu} or {@code gpu}; not part
 *     of what decides whether a model must be retrained
 */
public record TrainingConfig(List<Integer> hiddenLayers, double dropout, int batchSize,
    double learningRate, double weightDecay, int epochs, int patience, double validationFraction,
    double inputNoise, boolean classWeighting, long seed, String device) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public TrainingConfig {
    hiddenLayers = List.copyOf(hiddenLayers);
    device = device == null ? "auto" : device.strip().toLowerCase(Locale.ROOT);
    check(hiddenLayers.stream().allMatch(w -> w > 0), "hidden layer widths must be positive: " + hiddenLayers);
    check(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), was " + dropout);
    check(batchSize > 0, "batch size must be positive, was " + batchSize);
    check(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be positive, was " + learningRate);
    check(weightDecay >= 0, "weight decay must not be negative, was " + weightDecay);
    check(epochs > 0, "epochs must be positive, was " + epochs);
    check(patience >= 0, "patience must not be negative, was " + patience);
    check(validationFraction >= 0 && validationFraction < 1,
        "validation fraction must be in [0, 1), was " + validationFraction);
    check(inputNoise >= 0 && Double.isFinite(inputNoise), "input noise must not be negative, was " + inputNoise);
    check(List.of("auto", "cpu", "gpu").contains(device), "device must be auto, cpu or gpu, was '" + device + "'");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("Invalid training configuration: " + message);
    }
  }

  /** The tuned defaults. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(List.of(256, 128), 0.3, 64, 1e-3, 1e-2, 60, 10, 0.2, 1.0, true, 42, "auto");
  }

  /** Parses {@code 256,128} (an empty text means no hidden layer: logistic regression). */
  public static List<Integer> parseLayers(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    try {
      return Arrays.stream(text.split(",")).map(String::strip).map(Integer::valueOf).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid training configuration: hidden layers must be "
          + "comma-separated widths such as 256,128, was '" + text + "'");
    }
  }

  public TrainingConfig withSeed(long newSeed) {
    return new TrainingConfig(hiddenLayers, dropout, batchSize, learningRate, weightDecay, epochs,
        patience, validationFraction, inputNoise, classWeighting, newSeed, device);
  }

  public TrainingConfig withDevice(String newDevice) {
    return new TrainingConfig(hiddenLayers, dropout, batchSize, learningRate, weightDecay, epochs,
        patience, validationFraction, inputNoise, classWeighting, seed, newDevice);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static TrainingConfig fromJson(String json) {
    try {
      return JSON.readValue(json, TrainingConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a valid training configuration: " + e.getOriginalMessage(), e);
    }
  }
}
