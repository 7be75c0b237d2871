package io.github.voicegender.dataset;

/**
 * One reader from {@code SPEAKERS.TXT}.
 *
 * @param id the reader id, also the first directory level under a subset
 * @param gender the reader's sex
 * @param subset the subset the metadata assigns the reader to
 * @param name the reader's registered name
 */
public record Speaker(String id, Gender gender, String subset, String name) {}
