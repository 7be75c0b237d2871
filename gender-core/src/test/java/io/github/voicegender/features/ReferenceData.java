package io.github.voicegender.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the torchaudio reference values written by
 * {@code src/test/reference/make_mfcc_reference.py} into {@code src/test/resources/features/}.
 */
final class ReferenceData {

  private ReferenceData() {}

  /** The 1 s, 16 kHz deterministic test signal (float32 little-endian). */
  static float[] signal() {
    byte[] bytes = bytes("reference_signal.f32");
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] samples = new float[bytes.length / 4];
    buffer.asFloatBuffer().get(samples);
    return samples;
  }

  static double[][] csv(String name) {
    String text = new String(bytes(name), StandardCharsets.US_ASCII);
    List<double[]> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.trim().split(",");
      double[] row = new double[cells.length];
      for (int i = 0; i < cells.length; i++) {
        row[i] = Double.parseDouble(cells[i]);
      }
      rows.add(row);
    }
    return rows.toArray(new double[0][]);
  }

  private static byte[] bytes(String name) {
    try (InputStream in = ReferenceData.class.getResourceAsStream("/features/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource features/" + name
            + "; regenerate with src/test/reference/make_mfcc_reference.py");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The feature configuration the torchaudio reference values were computed with (mel range 20 to 8000 Hz). */
  static final FeatureConfig CONFIG = FeatureConfig.defaults().with(java.util.Map.of("melMaxHz", "8000"));
}
