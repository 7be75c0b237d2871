package io.github.voicegender.web;

/**
 * The audio bytes of one request, held in memory only.
 *
 * @param data the bytes
 * @param fileName the name the client gave (multipart only), for messages; never used as a path
 */
record Upload(byte[] data, String fileName) {}
