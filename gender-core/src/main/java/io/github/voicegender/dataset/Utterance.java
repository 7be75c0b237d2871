package io.github.voicegender.dataset;

import java.nio.file.Path;

/**
 * One labelled recording.
 *
 * @param audio the audio file, absolute
 * @param speakerId who speaks (the manifest may leave it empty: then the file name stands in)
 * @param gender the label
 * @param subset the subset it was found in ({@code manifest} for manifest entries)
 */
public record Utterance(Path audio, String speakerId, Gender gender, String subset) {}
