package io.github.voicegender.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;

/**
 * Standardises each feature to zero mean and unit standard deviation, with statistics fitted on the
 * training rows only (never on validation or test rows, which would leak them into the model).
 * A feature that is constant in training keeps a scale of 1, so it is only centred.
 */
public final class FeatureScaler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final double[] means;
  private final double[] stds;

  private FeatureScaler(double[] means, double[] stds) {
    if (means.length != stds.length || means.length == 0) {
      throw new IllegalArgumentException("scaler needs as many means as standard deviations, at least one");
    }
    this.means = means;
    this.stds = stds;
  }

  /** Fits the per-feature mean and (population) standard deviation of {@code rows}. */
  public static FeatureScaler fit(List<float[]> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("cannot fit a feature scaler on no rows");
    }
    int width = rows.get(0).length;
    double[] sum = new double[width];
    for (float[] row : rows) {
      if (row.length != width) {
        throw new IllegalArgumentException("rows of different lengths: " + width + " and " + row.length);
      }
      for (int i = 0; i < width; i++) {
        sum[i] += row[i];
      }
    }
    double[] means = new double[width];
    for (int i = 0; i < width; i++) {
      means[i] = sum[i] / rows.size();
    }
    // Second pass around the mean: no cancellation for features with a large offset.
    double[] squares = new double[width];
    for (float[] row : rows) {
      for (int i = 0; i < width; i++) {
        double d = row[i] - means[i];
        squares[i] += d * d;
      }
    }
    double[] stds = new double[width];
    for (int i = 0; i < width; i++) {
      double std = Math.sqrt(squares[i] / rows.size());
      stds[i] = std > 1e-12 ? std : 1.0;
    }
    return new FeatureScaler(means, stds);
  }

  public int width() {
    return means.length;
  }

  public double[] means() {
    return means.clone();
  }

  public double[] stds() {
    return stds.clone();
  }

  /** The standardised copy of one vector. */
  public float[] apply(float[] vector) {
    if (vector.length != means.length) {
      throw new IllegalArgumentException("vector of " + vector.length + " features; the scaler expects "
          + means.length);
    }
    float[] out = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      out[i] = (float) ((vector[i] - means[i]) / stds[i]);
    }
    return out;
  }

  private record Stored(double[] means, double[] stds) {}

  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new Stored(means, stds));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static FeatureScaler fromJson(String json) {
    try {
      Stored stored = JSON.readValue(json, Stored.class);
      if (stored.means() == null || stored.stds() == null) {
        throw new IllegalArgumentException("Not a feature scaler: means and stds are required");
      }
      for (double s : stored.stds()) {
        if (!(s > 0) || !Double.isFinite(s)) {
          throw new IllegalArgumentException("Not a feature scaler: standard deviation " + s);
        }
      }
      return new FeatureScaler(stored.means(), stored.stds());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a feature scaler: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureScaler other && Arrays.equals(means, other.means)
        && Arrays.equals(stds, other.stds);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(means) + Arrays.hashCode(stds);
  }
}
