package io.github.voicegender.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureScalerTest {

  private static final List<float[]> ROWS = List.of(
      new float[] {1, 10, 5}, new float[] {2, 20, 5}, new float[] {3, 30, 5}, new float[] {6, 60, 5});

  @Test
  void fitsPopulationMeanAndStdPerFeature() {
    FeatureScaler scaler = FeatureScaler.fit(ROWS);

    assertArrayEquals(new double[] {3, 30, 5}, scaler.means(), 1e-12);
    // Population std of 1, 2, 3, 6: sqrt((4 + 1 + 0 + 9) / 4) = sqrt(3.5).
    assertArrayEquals(new double[] {Math.sqrt(3.5), 10 * Math.sqrt(3.5), 1}, scaler.stds(), 1e-12);
  }

  @Test
  void standardisesAndLeavesConstantFeaturesCentredOnly() {
    FeatureScaler scaler = FeatureScaler.fit(ROWS);

    float[] scaled = scaler.apply(new float[] {6, 60, 7});

    assertArrayEquals(new float[] {(float) (3 / Math.sqrt(3.5)), (float) (3 / Math.sqrt(3.5)), 2f}, scaled, 1e-6f);
    double sum = 0;
    double squares = 0;
    for (float[] row : ROWS) {
      float v = scaler.apply(row)[1];
      sum += v;
      squares += v * v;
    }
    assertEquals(0, sum / ROWS.size(), 1e-6);
    assertEquals(1, squares / ROWS.size(), 1e-6);
  }

  @Test
  void largeOffsetsDoNotLosePrecision() {
    FeatureScaler scaler = FeatureScaler.fit(List.of(new float[] {100000.5f}, new float[] {100001.5f}));

    assertEquals(100001.0, scaler.means()[0], 1e-9);
    assertEquals(0.5, scaler.stds()[0], 1e-9);
  }

  @Test
  void jsonRoundTripIsExact() {
    FeatureScaler scaler = FeatureScaler.fit(ROWS);

    assertEquals(scaler, FeatureScaler.fromJson(scaler.toJson()));
  }

  @Test
  void rejectsWrongWidthsAndBadJson() {
    FeatureScaler scaler = FeatureScaler.fit(ROWS);

    IllegalArgumentException wide = assertThrows(IllegalArgumentException.class, () -> scaler.apply(new float[4]));
    assertEquals("vector of 4 features; the scaler expects 3", wide.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FeatureScaler.fit(List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> FeatureScaler.fromJson("{\"means\":[1],\"stds\":[0]}"));
  }
}
