package io.github.voicegender.model;

/**
 * The answer for one clip.
 *
 * @param label {@code male}, {@code female}, or {@code unknown} when the clip holds no speech
 * @param probability the model's probability of the printed label (0.5 to 1 for male and female;
 *     NaN for unknown)
 */
public record Prediction(String label, double probability) {

  public static final String MALE = "male";
  public static final String FEMALE = "female";
  public static final String UNKNOWN = "unknown";

  /** From the probability of female, thresholded at 0.5. */
  public static Prediction ofProbabilityFemale(double probabilityFemale) {
    return probabilityFemale >= 0.5 ? new Prediction(FEMALE, probabilityFemale)
        : new Prediction(MALE, 1 - probabilityFemale);
  }

  public static Prediction unknown() {
    return new Prediction(UNKNOWN, Double.NaN);
  }
}
