package io.github.voicegender.extraction;

import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.audio.AudioDecoder;
import io.github.voicegender.features.FeatureConfig;
import io.github.voicegender.features.UtteranceFeatures;
import java.io.IOException;
import java.nio.file.Path;

/** Decodes an audio file to mono at the configured rate and computes its {@link UtteranceFeatures}. */
public final class AudioFeatureExtractor implements VectorExtractor {

  private final FeatureConfig config;
  private final AudioDecoder decoder = new AudioDecoder();
  private final UtteranceFeatures features;

  public AudioFeatureExtractor(FeatureConfig config) {
    this.config = config;
    this.features = new UtteranceFeatures(config);
  }

  @Override
  public Extracted extract(Path audio) throws IOException {
    AudioClip clip = decoder.load(audio, config.sampleRate());
    return new Extracted(features.compute(clip.samples()), clip.durationSeconds());
  }
}
