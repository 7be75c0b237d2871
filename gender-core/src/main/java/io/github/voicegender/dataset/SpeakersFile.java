package io.github.voicegender.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads LibriSpeech's {@code SPEAKERS.TXT}: {@code ;} comment lines, then one reader per line as
 * {@code ID | SEX | SUBSET | MINUTES | NAME} with padded fields.
 */
public final class SpeakersFile {

  public static final String FILE_NAME = "SPEAKERS.TXT";

  private SpeakersFile() {}

  /** Readers by id, in file order. */
  public static Map<String, Speaker> read(Path file) throws DatasetException {
    Map<String, Speaker> speakers = new LinkedHashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith(";")) {
          continue;
        }
        // A reader's name may itself contain '|' (LibriSpeech has one such): split at most 5 ways.
        String[] fields = trimmed.split("\\|", 5);
        if (fields.length < 3) {
          throw new DatasetException(file + ":" + lineNumber
              + ": expected 'ID | SEX | SUBSET | MINUTES | NAME', found '" + trimmed + "'");
        }
        Gender gender;
        try {
          gender = Gender.parse(fields[1]);
        } catch (IllegalArgumentException e) {
          throw new DatasetException(file + ":" + lineNumber + ": " + e.getMessage());
        }
        String id = fields[0].strip();
        String name = fields.length == 5 ? fields[4].strip() : "";
        speakers.put(id, new Speaker(id, gender, fields[2].strip(), name));
      }
    } catch (DatasetException e) {
      throw e;
    } catch (IOException e) {
      throw new DatasetException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return speakers;
  }
}
