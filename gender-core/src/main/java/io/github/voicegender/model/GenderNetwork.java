package io.github.voicegender.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.github.voicegender.PipelineLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The classifier network, written against DJL's engine-neutral API only: an MLP over the scaled
 * per-utterance vector, {@code Linear -> ReLU -> Dropout} per hidden layer, and two output logits
 * (index 0 male, 1 female).
 */
final class GenderNetwork {

  static final int MALE = 0;
  static final int FEMALE = 1;

  private GenderNetwork() {}

  static SequentialBlock build(List<Integer> hiddenLayers, double dropout) {
    SequentialBlock block = new SequentialBlock();
    for (int width : hiddenLayers) {
      block.add(Linear.builder().setUnits(width).build());
      block.add(Activation.reluBlock());
      if (dropout > 0) {
        block.add(Dropout.builder().optRate((float) dropout).build());
      }
    }
    block.add(Linear.builder().setUnits(2).build());
    return block;
  }

  static byte[] saveParameters(Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise network parameters", e);
    }
    return bytes.toByteArray();
  }

  /** A block ready for inference with the given parameters, on {@code manager}'s device. */
  static Block load(NDManager manager, List<Integer> hiddenLayers, double dropout, int inputWidth,
      byte[] parameters) throws IOException {
    Block block = build(hiddenLayers, dropout);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, inputWidth));
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
      block.loadParameters(manager, in);
    } catch (MalformedModelException e) {
      throw new IOException("network parameters do not fit the network described in the bundle ("
          + hiddenLayers + " hidden, " + inputWidth + " inputs): " + e.getMessage(), e);
    }
    return block;
  }

  /** Probability of female for each row (already scaled), in inference mode. */
  static double[] probabilityFemale(NDManager parent, Block block, float[][] scaled) {
    double[] out = new double[scaled.length];
    if (scaled.length == 0) {
      return out;
    }
    try (NDManager manager = parent.newSubManager()) {
      NDArray x = manager.create(flatten(scaled), new Shape(scaled.length, scaled[0].length));
      NDList logits = block.forward(new ParameterStore(manager, false), new NDList(x), false);
      float[] p = logits.singletonOrThrow().softmax(1).toFloatArray();
      for (int i = 0; i < scaled.length; i++) {
        out[i] = p[2 * i + FEMALE];
      }
    }
    return out;
  }

  static float[] flatten(float[][] rows) {
    int width = rows[0].length;
    float[] flat = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return flat;
  }

  /** The engine by name, with a message that says which ones there are when it is missing. */
  static Engine engine(String name) {
    name = canonicalEngineName(name);
    if (!Engine.hasEngine(name)) {
      String hint = "PyTorch".equals(name)
          ? " To use it from gender-core, add ai.djl.pytorch:pytorch-engine:0.36.0, "
              + "ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64 and ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0 "
              + "as runtime dependencies (gender-maven-plugin has them)."
          : "";
      throw new IllegalArgumentException("Deep-learning engine '" + name + "' is not on the class path; "
          + "available: " + Engine.getAllEngines() + " (gender.engine)." + hint);
    }
    return Engine.getEngine(name);
  }

  /** DJL's spelling of an engine name given in any case ({@code pytorch} is {@code PyTorch}). */
  static String canonicalEngineName(String name) {
    String wanted = name == null || name.isBlank() ? ModelTrainer.DEFAULT_ENGINE : name.strip();
    return Engine.getAllEngines().stream().filter(e -> e.equalsIgnoreCase(wanted)).findFirst().orElse(wanted);
  }

  /**
   * The device for {@code choice} ({@code auto|cpu|gpu}): see {@link DeviceSelection}.
   *
   * @throws IllegalArgumentException for {@code gpu} when the engine has no usable GPU; the message
   *     says what was found and what to install
   */
  static Device device(Engine engine, String choice, PipelineLog log) {
    return DeviceSelection.choose(engine, choice, log);
  }
}
