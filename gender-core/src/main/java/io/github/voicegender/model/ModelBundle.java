package io.github.voicegender.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.voicegender.extraction.FeatureRow;
import io.github.voicegender.features.FeatureConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A trained model, self-describing: the network's parameters, the feature scaler, the exact feature
 * configuration its inputs must be computed with, and {@link BundleMetadata} on how it was made.
 *
 * <p>On disk it is a directory, or the same files in one zip (the form published as an artifact):
 *
 * <pre>
 * bundle.json            metadata: format version, fingerprints, subsets, seed, hyper-parameters,
 *                        engine, device, validation metrics, versions, creation time
 * feature-config.json    the FeatureConfig of the training features
 * scaler.json            per-feature means and standard deviations
 * network.params         the network's parameters (DJL block format)
 * </pre>
 *
 * Both forms are written atomically: a reader sees the old bundle or the whole new one.
 */
public final class ModelBundle {

  /** Bumped whenever the layout or the meaning of a file in the bundle changes. */
  public static final int FORMAT_VERSION = 1;

  public static final String METADATA_FILE = "bundle.json";
  /** Where a model jar (the published artifact) holds the bundle's files. */
  public static final String RESOURCE_PREFIX = "META-INF/voice-gender/model/";
  public static final String FEATURE_CONFIG_FILE = "feature-config.json";
  public static final String SCALER_FILE = "scaler.json";
  public static final String NETWORK_FILE = "network.params";
  static final List<String> LABELS = List.of("male", "female");

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final BundleMetadata metadata;
  private final FeatureConfig featureConfig;
  private final FeatureScaler scaler;
  private final byte[] networkParameters;

  ModelBundle(BundleMetadata metadata, FeatureConfig featureConfig, FeatureScaler scaler,
      byte[] networkParameters) {
    this.metadata = metadata;
    this.featureConfig = featureConfig;
    this.scaler = scaler;
    this.networkParameters = networkParameters;
  }

  /**
   * The bundle of a finished training.
   *
   * @param rows the training rows (validation speakers included), for the dataset fingerprint
   * @param projectVersion version of the project that trained it, or null
   */
  public static ModelBundle of(TrainingResult result, FeatureConfig featureConfig,
      TrainingConfig training, List<FeatureRow> rows, List<String> subsets, List<String> datasetRoots,
      String projectVersion) {
    String datasetFingerprint = datasetFingerprint(rows);
    BundleMetadata.Validation validation = new BundleMetadata.Validation(result.validationAccuracy(),
        result.validationBalancedAccuracy(), result.validationLoss(), result.bestEpoch(),
        result.epochs().size(), result.trainRows(), result.trainSpeakers(), result.validationRows(),
        result.validationSpeakers(), result.seconds());
    BundleMetadata metadata = new BundleMetadata(FORMAT_VERSION, FeatureConfig.FORMAT_VERSION,
        featureConfig.fingerprint(), featureConfig.vectorLength(), LABELS, datasetFingerprint,
        trainingKey(datasetFingerprint, featureConfig, training, result.engine()), List.copyOf(subsets),
        List.copyOf(datasetRoots), training.seed(), training, result.engine(), result.device(),
        validation, projectVersion, toolVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return new ModelBundle(metadata, featureConfig, result.scaler(), result.networkParameters());
  }

  public BundleMetadata metadata() {
    return metadata;
  }

  public FeatureConfig featureConfig() {
    return featureConfig;
  }

  public FeatureScaler scaler() {
    return scaler;
  }

  byte[] networkParameters() {
    return networkParameters;
  }

  /** Hash of the rows' paths, sizes and labels, in path order: the same data gives the same hash. */
  public static String datasetFingerprint(List<FeatureRow> rows) {
    StringBuilder text = new StringBuilder();
    rows.stream().sorted(Comparator.comparing(r -> r.audio().toString())).forEach(r -> text
        .append(r.audio()).append('\t').append(r.fileSize()).append('\t').append(r.gender().label())
        .append('\n'));
    return sha256(text.toString());
  }

  /**
   * What decides the trained network: when it equals a bundle's {@link BundleMetadata#trainingKey()},
   * training again would give that bundle's model. The device is left out ({@code auto} may pick
   * either), the seed is in.
   */
  public static String trainingKey(String datasetFingerprint, FeatureConfig featureConfig,
      TrainingConfig training, String engine) {
    return sha256("bundle v" + FORMAT_VERSION + "\n" + datasetFingerprint + "\n"
        + featureConfig.fingerprint() + "\n" + training.withDevice("auto").toJson() + "\n" + engine);
  }

  private static String sha256(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String toolVersion() {
    try (InputStream in = ModelBundle.class.getResourceAsStream("/io/github/voicegender/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      String version = properties.getProperty("version", "unknown");
      return version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      return "unknown";
    }
  }

  private Map<String, byte[]> files() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try {
      files.put(METADATA_FILE, JSON.writeValueAsBytes(metadata));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    files.put(FEATURE_CONFIG_FILE, featureConfig.toJson().getBytes(StandardCharsets.UTF_8));
    files.put(SCALER_FILE, scaler.toJson().getBytes(StandardCharsets.UTF_8));
    files.put(NETWORK_FILE, networkParameters);
    return files;
  }

  /** Writes the bundle as a directory, replacing one that is there; atomically (temp dir + rename). */
  public void write(Path directory) throws IOException {
    Path target = directory.toAbsolutePath();
    Files.createDirectories(target.getParent());
    // Not createTempDirectory: its owner-only permissions would stay on the published bundle.
    Path temporary = Files.createDirectory(
        target.resolveSibling("." + target.getFileName() + ".tmp" + System.nanoTime()));
    try {
      for (Map.Entry<String, byte[]> file : files().entrySet()) {
        Files.write(temporary.resolve(file.getKey()), file.getValue());
      }
      Path old = null;
      if (Files.exists(target)) {
        old = target.resolveSibling("." + target.getFileName() + ".old" + System.nanoTime());
        move(target, old);
      }
      move(temporary, target);
      if (old != null) {
        deleteTree(old);
      }
      removeLeftovers(target);
    } finally {
      deleteTree(temporary);
    }
  }

  /**
   * Deletes the hidden {@code .<name>.tmp*} and {@code .<name>.old*} directories that a write
   * killed midway leaves beside the bundle; they are never read.
   */
  private static void removeLeftovers(Path target) throws IOException {
    String prefix = "." + target.getFileName();
    try (var siblings = Files.newDirectoryStream(target.getParent(),
        entry -> entry.getFileName().toString().startsWith(prefix + ".tmp")
            || entry.getFileName().toString().startsWith(prefix + ".old"))) {
      for (Path leftover : siblings) {
        deleteTree(leftover);
      }
    }
  }

  /** Writes the bundle as one zip file, atomically. */
  public void writeZip(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    // Not createTempFile: its owner-only permissions would stay on the published zip.
    Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp" + System.nanoTime());
    try {
      try (OutputStream out = Files.newOutputStream(temporary);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Map.Entry<String, byte[]> entry : files().entrySet()) {
          ZipEntry zipEntry = new ZipEntry(entry.getKey());
          // A fixed time: the same bundle gives the same bytes.
          zipEntry.setTime(0);
          zip.putNextEntry(zipEntry);
          zip.write(entry.getValue());
          zip.closeEntry();
        }
      }
      move(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Reads a bundle directory or bundle zip.
   *
   * @throws IOException when it is missing, incomplete, of another format version, or made with a
   *     feature configuration this code cannot compute; the message says which and what to do
   */
  public static ModelBundle read(Path location) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (Files.isDirectory(location)) {
      for (String name : List.of(METADATA_FILE, FEATURE_CONFIG_FILE, SCALER_FILE, NETWORK_FILE)) {
        Path file = location.resolve(name);
        if (Files.isRegularFile(file)) {
          files.put(name, Files.readAllBytes(file));
        }
      }
    } else if (Files.isRegularFile(location)) {
      try (ZipFile zip = new ZipFile(location.toFile())) {
        // A bundle zip has the files at its root; a model jar has them under RESOURCE_PREFIX.
        String prefix = zip.getEntry(METADATA_FILE) == null && zip.getEntry(RESOURCE_PREFIX + METADATA_FILE) != null
            ? RESOURCE_PREFIX : "";
        for (String name : List.of(METADATA_FILE, FEATURE_CONFIG_FILE, SCALER_FILE, NETWORK_FILE)) {
          ZipEntry entry = zip.getEntry(prefix + name);
          if (entry != null) {
            try (InputStream in = zip.getInputStream(entry)) {
              files.put(name, in.readAllBytes());
            }
          }
        }
      } catch (java.util.zip.ZipException e) {
        throw new IOException("Model bundle " + location + " is neither a bundle directory nor a bundle "
            + "zip (" + e.getMessage() + ")", e);
      }
    } else {
      throw new java.nio.file.NoSuchFileException(location.toString(), null,
          "no model bundle there; train one with gender:train or give gender.model");
    }
    for (String name : List.of(METADATA_FILE, FEATURE_CONFIG_FILE, SCALER_FILE, NETWORK_FILE)) {
      if (!files.containsKey(name)) {
        throw new IOException("Model bundle " + location + " is incomplete: it has no " + name
            + "; train the model again");
      }
    }
    return parse(location, files);
  }

  /**
   * Reads the bundle a model jar on the class path carries under {@link #RESOURCE_PREFIX}: how a
   * project that declares a {@code <dependency>} on a published model finds it.
   *
   * @throws IOException when no model is on the class path, or it cannot be used
   */
  public static ModelBundle readFromClasspath(ClassLoader loader) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : List.of(METADATA_FILE, FEATURE_CONFIG_FILE, SCALER_FILE, NETWORK_FILE)) {
      try (InputStream in = loader.getResourceAsStream(RESOURCE_PREFIX + name)) {
        if (in == null) {
          throw new java.nio.file.NoSuchFileException("classpath:" + RESOURCE_PREFIX + name, null,
              "no model on the class path; add a <dependency> on a model artifact (a jar with the "
                  + "bundle under " + RESOURCE_PREFIX + ")");
        }
        files.put(name, in.readAllBytes());
      }
    }
    Path where = Path.of("classpath:" + RESOURCE_PREFIX);
    return parse(where, files);
  }

  private static ModelBundle parse(Path location, Map<String, byte[]> files) throws IOException {
    JsonNode tree;
    try {
      tree = JSON.readTree(files.get(METADATA_FILE));
    } catch (JsonProcessingException e) {
      throw new IOException("Model bundle " + location + ": " + METADATA_FILE + " is not valid JSON ("
          + e.getOriginalMessage() + ")", e);
    }
    int format = tree instanceof ObjectNode && tree.path("formatVersion").isInt()
        ? tree.get("formatVersion").intValue() : -1;
    if (format != FORMAT_VERSION) {
      throw new IOException("Model bundle " + location + " has format version "
          + (format < 0 ? "(none)" : format) + "; this gender-core (" + toolVersion()
          + ") reads format version " + FORMAT_VERSION + ". Use the gender-core version that made it, "
          + "or train the model again with this one.");
    }
    BundleMetadata metadata;
    try {
      metadata = JSON.treeToValue(tree, BundleMetadata.class);
    } catch (JsonProcessingException e) {
      throw new IOException("Model bundle " + location + ": unreadable " + METADATA_FILE + " ("
          + e.getOriginalMessage() + ")", e);
    }
    FeatureConfig featureConfig;
    try {
      featureConfig = FeatureConfig.fromJson(new String(files.get(FEATURE_CONFIG_FILE), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException("Model bundle " + location + " was made with a feature configuration this "
          + "gender-core cannot compute (" + e.getMessage() + "); train the model again with this "
          + "version, or use the version that made it.", e);
    }
    if (metadata.featureFormatVersion() != FeatureConfig.FORMAT_VERSION
        || featureConfig.vectorLength() != metadata.vectorLength()) {
      throw new IOException("Model bundle " + location + " was made with feature format version "
          + metadata.featureFormatVersion() + " (" + metadata.vectorLength() + " features); this "
          + "gender-core computes feature format version " + FeatureConfig.FORMAT_VERSION + " ("
          + featureConfig.vectorLength() + " features for its configuration), so it cannot compute "
          + "the features this model expects. Train the model again with this version.");
    }
    FeatureScaler scaler;
    try {
      scaler = FeatureScaler.fromJson(new String(files.get(SCALER_FILE), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException("Model bundle " + location + ": " + e.getMessage(), e);
    }
    if (scaler.width() != metadata.vectorLength()) {
      throw new IOException("Model bundle " + location + ": the scaler has " + scaler.width()
          + " features, the metadata " + metadata.vectorLength() + "; the bundle is damaged");
    }
    if (metadata.training() == null) {
      throw new IOException("Model bundle " + location + ": " + METADATA_FILE + " has no training configuration");
    }
    return new ModelBundle(metadata, featureConfig, scaler, files.get(NETWORK_FILE));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
