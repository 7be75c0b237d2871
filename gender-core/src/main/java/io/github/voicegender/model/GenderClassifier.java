package io.github.voicegender.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.audio.AudioDecoder;
import io.github.voicegender.features.FeatureConfig;
import io.github.voicegender.features.NoSpeechException;
import io.github.voicegender.features.UtteranceFeatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Classifies a voice as male or female with a trained {@link ModelBundle}: the public entry point
 * for programs that depend on a published model.
 *
 * <pre>{@code
 * try (GenderClassifier classifier = GenderClassifier.load(Path.of("model.zip"))) {
 *   Prediction p = classifier.classify(Path.of("clip.flac"));
 *   System.out.println(p.label() + " " + p.probability());
 * }
 * }</pre>
 *
 * Features are computed with the bundle's own feature configuration, so the model always sees
 * inputs made the way its training inputs were. Inference runs on the CPU, on the engine that
 * trained the bundle when it is on the class path (else MXNet, or the one named to {@link
 * #load(Path, String)}): a bundle's parameters load on either engine. Holds native engine
 * memory: close it. Safe to share between threads (calls are serialised).
 */
public final class GenderClassifier implements AutoCloseable {

  private final ModelBundle bundle;
  private final String engineName;
  private final NDManager manager;
  private final Block network;
  private final AudioDecoder decoder = new AudioDecoder();
  private final UtteranceFeatures features;

  private GenderClassifier(ModelBundle bundle, String engineName) throws IOException {
    this.bundle = bundle;
    QuietEngine.apply();
    Engine engine = GenderNetwork.engine(inferenceEngine(engineName, bundle.metadata().engine()));
    this.engineName = engine.getEngineName();
    this.manager = engine.newBaseManager(Device.cpu());
    try {
      this.network = GenderNetwork.load(manager, bundle.metadata().training().hiddenLayers(),
          bundle.metadata().training().dropout(), bundle.metadata().vectorLength(), bundle.networkParameters());
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
    this.features = new UtteranceFeatures(bundle.featureConfig());
  }

  /**
   * Loads a model bundle: a directory or a bundle zip.
   *
   * @throws IOException when it is missing, damaged, or incompatible with this version; the
   *     message says which
   */
  public static GenderClassifier load(Path bundleDirOrZip) throws IOException {
    return new GenderClassifier(ModelBundle.read(bundleDirOrZip), null);
  }

  /**
   * Loads a model bundle for inference on the named DJL engine ({@code MXNet}, {@code PyTorch}),
   * whichever engine trained it: the parameter file is the same for both (see the README).
   *
   * @throws IllegalArgumentException when that engine is not on the class path
   */
  public static GenderClassifier load(Path bundleDirOrZip, String engine) throws IOException {
    return new GenderClassifier(ModelBundle.read(bundleDirOrZip), engine);
  }

  /**
   * The engine that runs inference: the one asked for; else the one that trained the bundle when
   * it is on the class path; else the default engine; else any engine there is. A bundle's network
   * parameters load on every engine, so any choice gives the same answers.
   */
  static String inferenceEngine(String requested, String bundleEngine) {
    if (requested != null && !requested.isBlank()) {
      return GenderNetwork.canonicalEngineName(requested);
    }
    if (bundleEngine != null && Engine.hasEngine(bundleEngine)) {
      return bundleEngine;
    }
    if (Engine.hasEngine(ModelTrainer.DEFAULT_ENGINE) || Engine.getAllEngines().isEmpty()) {
      return ModelTrainer.DEFAULT_ENGINE;
    }
    return Engine.getAllEngines().iterator().next();
  }

  /**
   * Loads the model that a model jar on the class path carries: for projects that declare a
   * {@code <dependency>} on a published model artifact.
   */
  public static GenderClassifier fromClasspath() throws IOException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return new GenderClassifier(ModelBundle.readFromClasspath(
        loader != null ? loader : GenderClassifier.class.getClassLoader()), null);
  }

  /** A classifier over a bundle already in memory. */
  public static GenderClassifier of(ModelBundle bundle) throws IOException {
    return new GenderClassifier(bundle, null);
  }

  /** A classifier over a bundle already in memory, on the named engine. */
  public static GenderClassifier of(ModelBundle bundle, String engine) throws IOException {
    return new GenderClassifier(bundle, engine);
  }

  /** The DJL engine running inference. */
  public String engine() {
    return engineName;
  }

  public ModelBundle bundle() {
    return bundle;
  }

  public FeatureConfig featureConfig() {
    return bundle.featureConfig();
  }

  /**
   * Decodes an audio file (WAV or FLAC), computes its features and classifies it.
   *
   * @return {@code unknown} when the clip holds no speech (silence, too short, nothing voiced)
   * @throws IOException when the file cannot be read or decoded
   */
  public Prediction classify(Path audioFile) throws IOException {
    AudioClip clip = decoder.load(audioFile, bundle.featureConfig().sampleRate());
    return classify(clip.samples());
  }

  /** Classifies mono samples at {@code featureConfig().sampleRate()}. */
  public synchronized Prediction classify(float[] samples) {
    float[] vector;
    try {
      vector = features.compute(samples);
    } catch (NoSpeechException e) {
      return Prediction.unknown();
    }
    return Prediction.ofProbabilityFemale(probabilityFemale(vector));
  }

  /** Probability of female for one unscaled feature vector (laid out as the bundle's features). */
  public double probabilityFemale(float[] vector) {
    return probabilityFemale(List.of(vector))[0];
  }

  /** Probability of female for each unscaled feature vector: for evaluation over a feature store. */
  public synchronized double[] probabilityFemale(List<float[]> vectors) {
    float[][] scaled = new float[vectors.size()][];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = bundle.scaler().apply(vectors.get(i));
    }
    return GenderNetwork.probabilityFemale(manager, network, scaled);
  }

  @Override
  public synchronized void close() {
    manager.close();
  }
}
