package io.github.voicegender.prediction;

import io.github.voicegender.audio.AudioClip;

/**
 * Classifies a whole recording of any length and sample rate. Implementations must be safe to call
 * from several threads.
 */
public interface ClipClassifier {

  ClipPrediction classify(AudioClip clip);
}
