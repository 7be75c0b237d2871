package io.github.voicegender.extraction;

import io.github.voicegender.dataset.Gender;
import java.nio.file.Path;

/**
 * One utterance's feature vector as kept in the {@link FeatureStore}, with what identifies the
 * audio it came from (so unchanged files are not decoded again).
 *
 * @param audio absolute path of the audio file
 * @param speakerId the speaker
 * @param gender the label
 * @param subset the subset
 * @param fileSize the audio file's size in bytes when it was extracted
 * @param lastModifiedMillis its modification time then
 * @param durationSeconds length of the decoded audio, before trimming
 * @param vector the per-utterance features, laid out as {@code FeatureConfig.featureNames()}
 */
public record FeatureRow(Path audio, String speakerId, Gender gender, String subset, long fileSize,
    long lastModifiedMillis, double durationSeconds, float[] vector) {}
