package io.github.voicegender.model;

/**
 * What one training epoch achieved, as logged and plotted.
 *
 * @param epoch the epoch number, from 1
 * @param trainLoss mean training loss over the epoch
 * @param trainAccuracy training accuracy over the epoch
 * @param validationLoss loss on the validation speakers
 * @param validationAccuracy accuracy on the validation speakers
 * @param seconds wall time the epoch took
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
    double validationAccuracy, double seconds) {}
