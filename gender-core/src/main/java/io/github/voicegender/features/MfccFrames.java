package io.github.voicegender.features;

/**
 * MFCC of an utterance, frame by frame, with each frame's level so that a caller can leave quiet
 * frames (pauses) out of its statistics.
 *
 * @param coefficients {@code [frames][mfccCount]}: c0..c(mfccCount-1) per frame
 * @param energyDb per frame, the mean square of the Hamming-windowed frame (divided by the mean
 *     square of the window, so a steady signal reads the same as without a window) in dB relative to
 *     full scale 1.0, floored at {@link MfccExtractor#ENERGY_FLOOR_DB}; a full-scale sine reads
 *     about -3 dB
 */
public record MfccFrames(float[][] coefficients, float[] energyDb) {

  public MfccFrames {
    if (coefficients.length != energyDb.length) {
      throw new IllegalArgumentException("one energy per frame expected");
    }
  }

  public int frameCount() {
    return coefficients.length;
  }
}
