package io.github.voicegender.extraction;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns one audio file into one feature vector. Instances need not be thread-safe: the extraction
 * run gives each worker thread its own.
 */
public interface VectorExtractor {

  /**
   * @throws IOException with a message naming the file and the reason when the file cannot be
   *     used (corrupt, not audio, no speech)
   */
  Extracted extract(Path audio) throws IOException;

  /**
   * @param vector the features
   * @param durationSeconds the decoded audio's length before trimming
   */
  record Extracted(float[] vector, double durationSeconds) {}
}
