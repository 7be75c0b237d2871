package io.github.voicegender.prediction;

/**
 * One window of a long recording and its answer.
 *
 * @param startSeconds where the window starts in the recording
 * @param endSeconds where it ends
 * @param label {@code male}, {@code female} or {@code unknown} (no speech in the window)
 * @param probability the probability of the label (NaN for unknown)
 */
public record Segment(double startSeconds, double endSeconds, String label, double probability) {}
