package io.github.voicegender.model;

import java.util.List;

/**
 * What training produced: the fitted scaler and network, the per-epoch curves, and how the kept
 * network did on the speaker-disjoint validation set.
 *
 * @param scaler fitted on the training rows (validation rows excluded)
 * @param hiddenLayers widths of the network's hidden layers
 * @param networkParameters the kept network's parameters, in DJL's block format
 * @param epochs one entry per epoch run, in order
 * @param bestEpoch the epoch whose network was kept (lowest validation loss, or the last)
 * @param validationAccuracy accuracy of the kept network on the validation rows (NaN without)
 * @param validationBalancedAccuracy mean of the per-class recalls on the validation rows (NaN without)
 * @param validationLoss loss of the kept network on the validation rows (NaN without)
 * @param trainRows rows trained on
 * @param validationRows rows held out
 * @param trainSpeakers speakers trained on
 * @param validationSpeakers speakers held out
 * @param engine the DJL engine that trained
 * @param device the device that trained, as DJL names it ({@code cpu()}, {@code gpu(0)})
 * @param seconds wall time of the whole training
 */
public record TrainingResult(FeatureScaler scaler, List<Integer> hiddenLayers, byte[] networkParameters,
    List<EpochMetrics> epochs, int bestEpoch, double validationAccuracy,
    double validationBalancedAccuracy, double validationLoss, int trainRows, int validationRows,
    int trainSpeakers, int validationSpeakers, String engine, String device, double seconds) {

  public TrainingResult {
    hiddenLayers = List.copyOf(hiddenLayers);
    epochs = List.copyOf(epochs);
  }
}
