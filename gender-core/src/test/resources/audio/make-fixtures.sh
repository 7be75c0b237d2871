#!/bin/sh
# Regenerates the FLAC fixtures and, for each, the WAV that `flac -d` makes of it, which the tests
# use as the reference samples. Needs flac and sox (apt-get install -y flac sox).
set -eu
cd "$(dirname "$0")"

# Stereo, 44.1 kHz, 16-bit, 0.1 s: 440 Hz left, 1000 Hz right (tests the down-mix).
sox -n -D -r 44100 -b 16 -c 2 tmp.wav synth 0.1 sine 440 sine 1000 gain -6
flac -s -f --best -o stereo-44k-16bit.flac tmp.wav
# Mono, 8 kHz, 24-bit, 0.3 s, 300 Hz.
sox -n -D -r 8000 -b 24 -c 1 tmp.wav synth 0.3 sine 300 gain -3
flac -s -f -o mono-8k-24bit.flac tmp.wav
rm tmp.wav

for f in stereo-44k-16bit mono-8k-24bit; do
  flac -s -f -d -o "$f.wav" "$f.flac"
done
