package io.github.voicegender.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the dataset roots are, decided in one place. The first of these that is set wins:
 *
 * <ol>
 *   <li>the {@code gender.datasetDir} user property ({@code -Dgender.datasetDir=...});
 *   <li>the plugin configuration;
 *   <li>the {@code GENDER_DATASET_DIR} environment variable;
 *   <li>{@code GENDER_DATASET_DIR=...} in a {@code .env} file in the project root;
 *   <li>{@code datasets/LibriSpeech} under the execution root.
 * </ol>
 *
 * <p>Any of them may list several roots separated by commas. Relative paths are resolved against
 * the directory of the {@code .env} file for that source, else against the execution root.
 *
 * @param roots absolute dataset roots, in the order given
 * @param source which of the sources above gave them, for messages
 */
public record DatasetLocation(List<Path> roots, String source) {

  public static final String PROPERTY = "gender.datasetDir";
  public static final String ENVIRONMENT_VARIABLE = "GENDER_DATASET_DIR";
  public static final String DOT_ENV = ".env";
  public static final String DEFAULT_DIR = "datasets/LibriSpeech";

  public DatasetLocation {
    roots = List.copyOf(roots);
  }

  /**
   * @param userProperty the value of {@code -Dgender.datasetDir}, or null
   * @param configured the plugin configuration's value, or null
   * @param environment the process environment
   * @param projectRoot where a {@code .env} file is looked for, or null
   * @param executionRoot what relative paths and the default are resolved against
   */
  public static DatasetLocation resolve(String userProperty, String configured,
      Map<String, String> environment, Path projectRoot, Path executionRoot) throws DatasetException {
    if (isSet(userProperty)) {
      return of(userProperty, executionRoot, "-D" + PROPERTY);
    }
    if (isSet(configured)) {
      return of(configured, executionRoot, "the plugin configuration <datasetDir>");
    }
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (isSet(fromEnvironment)) {
      return of(fromEnvironment, executionRoot, "the " + ENVIRONMENT_VARIABLE + " environment variable");
    }
    if (projectRoot != null) {
      Path dotEnv = projectRoot.resolve(DOT_ENV);
      Optional<String> fromDotEnv = readDotEnv(dotEnv, ENVIRONMENT_VARIABLE);
      if (fromDotEnv.isPresent()) {
        return of(fromDotEnv.get(), projectRoot, dotEnv.toAbsolutePath().toString());
      }
    }
    return of(DEFAULT_DIR, executionRoot, "the default (" + DEFAULT_DIR + ")");
  }

  private static DatasetLocation of(String value, Path base, String source) throws DatasetException {
    List<Path> roots = Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> base.resolve(s).toAbsolutePath().normalize())
        .toList();
    if (roots.isEmpty()) {
      throw new DatasetException(PROPERTY + " from " + source + " names no directory: '" + value + "'");
    }
    return new DatasetLocation(roots, source);
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  /**
   * Reads one key from a {@code .env} file: {@code KEY=value} lines, {@code #} comments, an optional
   * {@code export} prefix and optional quotes around the value.
   */
  static Optional<String> readDotEnv(Path file, String key) throws DatasetException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatasetException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    for (String line : lines) {
      String entry = line.strip();
      if (entry.startsWith("export ")) {
        entry = entry.substring("export ".length()).strip();
      }
      int equals = entry.indexOf('=');
      if (entry.startsWith("#") || equals < 0 || !entry.substring(0, equals).strip().equals(key)) {
        continue;
      }
      String value = entry.substring(equals + 1).strip();
      if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
          || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      return Optional.of(value);
    }
    return Optional.empty();
  }
}
