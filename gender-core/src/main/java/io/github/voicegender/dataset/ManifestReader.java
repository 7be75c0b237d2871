package io.github.voicegender.dataset;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV manifest, for data in any layout: one utterance per row as {@code
 * path,gender[,speaker]}, an optional header row, paths relative to the manifest's directory,
 * gender as {@code male}/{@code female}/{@code M}/{@code F}. A row without a speaker stands for a
 * speaker of its own.
 */
public final class ManifestReader {

  private ManifestReader() {}

  /** The subset a manifest provides: its file name without {@code .csv}. */
  public static String subsetName(Path manifest) {
    String name = manifest.getFileName().toString();
    return name.substring(0, name.length() - ".csv".length());
  }

  public static List<Utterance> read(Path manifest, String subset) throws DatasetException {
    if (!Files.isRegularFile(manifest)) {
      throw new DatasetException("Manifest " + manifest.toAbsolutePath() + " does not exist.");
    }
    Path base = manifest.toAbsolutePath().getParent();
    List<Utterance> utterances = new ArrayList<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
    try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      for (CSVRecord row : format.parse(reader)) {
        String where = manifest + ":" + row.getRecordNumber();
        if (row.size() < 2) {
          throw new DatasetException(where + ": expected 'path,gender[,speaker]'");
        }
        if (row.getRecordNumber() == 1 && isHeader(row)) {
          continue;
        }
        Gender gender;
        try {
          gender = Gender.parse(row.get(1));
        } catch (IllegalArgumentException e) {
          throw new DatasetException(where + ": " + e.getMessage());
        }
        Path audio;
        try {
          audio = base.resolve(row.get(0)).normalize();
        } catch (InvalidPathException e) {
          throw new DatasetException(where + ": '" + row.get(0).replace("\0", "\\0")
              + "' is not a valid path (" + e.getReason() + ")");
        }
        if (audio.getFileName() == null) {
          throw new DatasetException(where + ": '" + row.get(0) + "' is not a file path");
        }
        String speaker = row.size() > 2 && !row.get(2).isEmpty()
            ? row.get(2) : audio.getFileName().toString();
        utterances.add(new Utterance(audio, speaker, gender, subset));
      }
    } catch (DatasetException e) {
      throw e;
    } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
      throw new DatasetException("Cannot read manifest " + manifest + ": " + e.getMessage(), e);
    }
    return utterances;
  }

  private static boolean isHeader(CSVRecord row) {
    return row.get(1).toLowerCase(Locale.ROOT).strip().equals("gender");
  }
}
