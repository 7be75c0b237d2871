package io.github.voicegender.extraction;

import java.nio.file.Path;

/**
 * A file extraction could not use, and why.
 *
 * @param audio the file
 * @param subset its subset
 * @param reason the cause, in plain words
 */
public record ExtractionFailure(Path audio, String subset, String reason) {}
