package io.github.voicegender.model;

/**
 * One training epoch, as logged and as plotted in the training curves.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean (class-weighted) loss over the training batches of the epoch
 * @param trainAccuracy accuracy on the training rows during the epoch
 * @param validationLoss loss on the speaker-disjoint validation rows after the epoch; NaN when
 *     there is no validation split
 * @param validationAccuracy accuracy on the validation rows after the epoch; NaN when none
 * @param seconds wall time of the epoch, validation included
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
    double validationAccuracy, double seconds) {}
