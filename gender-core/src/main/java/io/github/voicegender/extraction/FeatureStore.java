package io.github.voicegender.extraction;

import io.github.voicegender.AtomicFiles;
import io.github.voicegender.dataset.Gender;
import io.github.voicegender.features.FeatureConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A directory of per-utterance feature vectors, one table per subset.
 *
 * <pre>
 * feature-config.json     the FeatureConfig every table here was computed with
 * &lt;subset&gt;.tsv            the complete table of a subset; only ever replaced atomically
 * &lt;subset&gt;.partial.tsv    rows appended one by one while a run is in progress, read back to
 *                         resume an interrupted run, deleted once the complete table is written
 * failures.tsv            files the last run could not use: path, subset, reason
 * </pre>
 *
 * <p>A table is UTF-8 TSV with one header line: {@code path speaker gender size modified duration}
 * followed by the feature names of {@link FeatureConfig#featureNames()}; then one row per
 * utterance: absolute path (with {@code %}, tab and line breaks percent-encoded), speaker id,
 * {@code male}/{@code female}, file size in bytes, modification time in epoch milliseconds, decoded
 * duration in seconds, and the vector's floats. A table that exists is complete: readers never see
 * a half-written one.
 */
public final class FeatureStore {

  public static final String CONFIG_FILE = "feature-config.json";
  public static final String FAILURES_FILE = "failures.tsv";
  private static final String TABLE_SUFFIX = ".tsv";
  private static final String PARTIAL_SUFFIX = ".partial.tsv";
  private static final int FIXED_COLUMNS = 6;

  private final Path directory;

  public FeatureStore(Path directory) {
    this.directory = directory.toAbsolutePath();
  }

  public Path directory() {
    return directory;
  }

  public Path tablePath(String subset) {
    return directory.resolve(subset + TABLE_SUFFIX);
  }

  Path partialPath(String subset) {
    return directory.resolve(subset + PARTIAL_SUFFIX);
  }

  /** The configuration the stored features were computed with, if there are any. */
  public Optional<FeatureConfig> readConfig() throws IOException {
    Path file = directory.resolve(CONFIG_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(FeatureConfig.fromJson(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      // A store written by another version of the tool is treated as empty, not as an error.
      return Optional.empty();
    }
  }

  /**
   * Makes the store hold features of {@code config}: when it held another configuration's, every
   * table is deleted first.
   *
   * @return true when earlier features were discarded
   */
  boolean prepareFor(FeatureConfig config) throws IOException {
    Files.createDirectories(directory);
    Optional<FeatureConfig> stored = readConfig();
    boolean discard = stored.isPresent() ? !stored.get().equals(config) : hasAnyTable();
    if (discard) {
      try (DirectoryStream<Path> tables = Files.newDirectoryStream(directory, "*" + TABLE_SUFFIX)) {
        for (Path table : tables) {
          Files.delete(table);
        }
      }
    }
    if (stored.isEmpty() || discard) {
      AtomicFiles.write(directory.resolve(CONFIG_FILE), config.toJson());
    }
    return discard;
  }

  private boolean hasAnyTable() throws IOException {
    try (DirectoryStream<Path> tables = Files.newDirectoryStream(directory, "*" + TABLE_SUFFIX)) {
      return tables.iterator().hasNext();
    }
  }

  public boolean hasTable(String subset) {
    return Files.isRegularFile(tablePath(subset));
  }

  /**
   * The complete table of a subset.
   *
   * @throws NoSuchFileException when the subset was never extracted into this store
   */
  public List<FeatureRow> read(String subset) throws IOException {
    Path table = tablePath(subset);
    if (!Files.isRegularFile(table)) {
      throw new NoSuchFileException(table.toString(), null,
          "no features for subset '" + subset + "'; run gender:extract-features with gender.subsets="
              + subset + " first");
    }
    return readRows(table, subset, false);
  }

  /** Rows that may be reused: the complete table, then rows of an interrupted run on top. */
  Map<Path, FeatureRow> readReusable(String subset) throws IOException {
    Map<Path, FeatureRow> rows = new LinkedHashMap<>();
    for (Path file : List.of(tablePath(subset), partialPath(subset))) {
      if (Files.isRegularFile(file)) {
        for (FeatureRow row : readRows(file, subset, true)) {
          rows.put(row.audio(), row);
        }
      }
    }
    return rows;
  }

  private static List<FeatureRow> readRows(Path file, String subset, boolean tolerant)
      throws IOException {
    List<FeatureRow> rows = new ArrayList<>();
    // Invalid UTF-8 is reported naming the table; a resume reads past it (the damaged row is redone).
    CodingErrorAction onError = tolerant ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(onError)
        .onUnmappableCharacter(onError);
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), utf8))) {
      String header = reader.readLine();
      if (header == null) {
        return rows;
      }
      int width = header.split("\t").length;
      String line;
      int lineNumber = 1;
      boolean lastParsed = false;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        lastParsed = false;
        try {
          rows.add(parseRow(line, width, subset));
          lastParsed = true;
        } catch (RuntimeException e) {
          // The last line of a partial table may have been cut by a kill: skip it, it is redone.
          if (!tolerant) {
            throw new IOException(file + ":" + lineNumber + ": malformed feature row (" + e.getMessage()
                + "); delete the store and extract again", e);
          }
        }
      }
      // A last row without its line break was cut while being written, possibly inside its last
      // number, which then still parses: not to be trusted, it is redone.
      if (tolerant && lastParsed && !endsWithLineBreak(file)) {
        rows.remove(rows.size() - 1);
      }
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not a UTF-8 feature table (" + e + "); delete the store and extract again",
          e);
    }
    return rows;
  }

  private static boolean endsWithLineBreak(Path file) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      long size = channel.size();
      if (size == 0) {
        return true;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.position(size - 1).read(last);
      return last.get(0) == '\n';
    }
  }

  private static FeatureRow parseRow(String line, int width, String subset) {
    String[] fields = line.split("\t", -1);
    if (fields.length != width) {
      throw new IllegalArgumentException(fields.length + " columns instead of " + width);
    }
    float[] vector = new float[width - FIXED_COLUMNS];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = Float.parseFloat(fields[FIXED_COLUMNS + i]);
    }
    return new FeatureRow(Path.of(decodePath(fields[0])), fields[1], Gender.parse(fields[2]), subset,
        Long.parseLong(fields[3]), Long.parseLong(fields[4]), Double.parseDouble(fields[5]), vector);
  }

  static String header(FeatureConfig config) {
    return "path\tspeaker\tgender\tsize\tmodified\tduration\t" + String.join("\t", config.featureNames());
  }

  static String format(FeatureRow row) {
    StringBuilder line = new StringBuilder(32 + row.vector().length * 12);
    line.append(encodePath(row.audio().toString())).append('\t').append(row.speakerId()).append('\t')
        .append(row.gender().label()).append('\t').append(row.fileSize()).append('\t')
        .append(row.lastModifiedMillis()).append('\t').append(row.durationSeconds());
    for (float value : row.vector()) {
      line.append('\t').append(value);
    }
    return line.toString();
  }

  private static String encodePath(String path) {
    return path.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
  }

  private static String decodePath(String field) {
    return field.replace("%09", "\t").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%");
  }

  /** Opens the partial table of a subset for appending, writing its header when it is new. */
  PartialTable openPartial(String subset, FeatureConfig config) throws IOException {
    Path file = partialPath(subset);
    boolean fresh = !Files.isRegularFile(file) || Files.size(file) == 0;
    BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (fresh) {
      writer.write(header(config));
      writer.newLine();
      writer.flush();
    }
    return new PartialTable(writer);
  }

  /** Writes the complete table of a subset atomically, then drops its partial table. */
  void commit(String subset, FeatureConfig config, List<FeatureRow> rows) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append(header(config)).append('\n');
    for (FeatureRow row : rows) {
      text.append(format(row)).append('\n');
    }
    AtomicFiles.write(tablePath(subset), text.toString());
    Files.deleteIfExists(partialPath(subset));
  }

  void writeFailures(List<ExtractionFailure> failures) throws IOException {
    StringBuilder text = new StringBuilder("path\tsubset\treason\n");
    for (ExtractionFailure failure : failures) {
      text.append(encodePath(failure.audio().toString())).append('\t').append(failure.subset())
          .append('\t').append(failure.reason().replace('\t', ' ').replace('\n', ' ')).append('\n');
    }
    AtomicFiles.write(directory.resolve(FAILURES_FILE), text.toString());
  }

  /** Rows appended as they are computed; each is flushed so that a kill loses at most one. */
  static final class PartialTable implements AutoCloseable {
    private final Writer writer;

    private PartialTable(Writer writer) {
      this.writer = writer;
    }

    synchronized void append(FeatureRow row) throws IOException {
      writer.write(format(row));
      writer.write('\n');
      writer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
      writer.close();
    }
  }
}
