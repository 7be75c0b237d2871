#!/bin/sh
# Regenerates the FLAC decoder's fixtures: short generated tones, chirps and noise, each encoded by
# the reference encoder (flac 1.4) with the options that exercise one part of the format, next to
# the WAV it was encoded from (the known signal the tests compare with). The files are committed,
# so the tests need neither flac nor sox. Needs flac, sox and python3 (apt-get install -y flac sox).
# FlacFixturesTest lists what each file covers; `flac -a` shows a file's frames and subframes.
set -eu
export LC_ALL=C
cd "$(dirname "$0")"
rm -f ./*.flac ./*.wav

# name, sox signal (rate, bits, channels, synth), flac options
encode() {
  name=$1; rate=$2; bits=$3; channels=$4; synth=$5; shift 5
  # shellcheck disable=SC2086
  sox -n -D -r "$rate" -b "$bits" -c "$channels" "$name.wav" synth $synth
  flac -s -f --no-padding "$@" -o "$name.flac" "$name.wav"
}

# Compression levels: -0 gives FIXED subframes, -8 LPC up to order 12, both with Rice codes.
encode mono-16k-16bit-level0 16000 16 1 "0.25 sine 100-3000 gain -3" -0
encode mono-16k-16bit-level8 16000 16 1 "0.25 sine 100-3000 gain -3" -8
# LPC above order 12 (our unrolled predictor's limit), allowed outside the streamable subset.
encode mono-48k-16bit-lpc32 48000 16 1 "0.1 sine 200-9000 sine 3000 gain -9" -8 --lax -l 32
# Noise at 24 bits: Rice2 codes (5-bit parameters). Full-range noise (below): VERBATIM.
encode noise-24bit 22050 24 1 "0.05 whitenoise gain -1" -8
encode noise-quiet-24bit 12000 24 1 "0.1 whitenoise gain -20" -8
# Bit depths 8 and 24, a stereo pair per depth.
encode mono-8k-8bit 8000 8 1 "0.2 sine 300 gain -2" -5
encode stereo-11k-8bit 11025 8 2 "0.2 sine 300 sine 450 gain -2" -8
encode stereo-44k-24bit 44100 24 2 "0.1 sine 440 sine 1000 gain -6" -8
# Stereo decorrelation: the encoder picks, frame by frame, whichever of independent, left/side,
# side/right and mid/side is cheapest; these signals make it use each.
encode stereo-same 16000 16 2 "0.2 sine 300 sine 300 gain -3" -8 -b 576
encode stereo-left-only 16000 16 2 "0.2 sine 300 sine 300 gain -3 remix 1 0" -8 -b 576 --no-adaptive-mid-side
encode stereo-right-only 16000 16 2 "0.2 sine 300 sine 300 gain -3 remix 0 2" -8 -b 576
encode stereo-right-half 16000 16 2 "0.2 sine 300 sine 300 gain -3 remix 1 2v0.5" -8 -b 576
encode stereo-left-half 16000 16 2 "0.2 sine 300 sine 300 gain -3 remix 1v0.5 2" -8 -b 576
encode stereo-different 16000 16 2 "0.2 sine 200-2000 pinknoise gain -3" -8 -b 576
encode stereo-independent 16000 16 2 "0.2 sine 300 sine 450 gain -3" -8 --no-mid-side
# Block sizes: each of the header's block-size codes (192, 576 x 2^n, 8- and 16-bit explicit,
# 256 x 2^n) and, in passing, the sample-rate codes (table, kHz, Hz, tens of Hz).
encode block-192 8000 16 1 "0.2 sine 500 gain -3" -5 -b 192
encode block-1152 32000 16 1 "0.2 sine 500 gain -3" -5 -b 1152
encode block-4608 96000 16 1 "0.2 sine 500 gain -3" -5 -b 4608
encode block-100 44110 16 1 "0.05 sine 500 gain -3" -5 -b 100 --lax
encode block-1000 11025 16 1 "0.2 sine 500 gain -3" -5 -b 1000 --lax
encode block-16384 48000 16 1 "0.5 sine 500 gain -3" -5 -b 16384 --lax
# Wasted bits: 8-bit samples in a 16-bit file leave the low 8 bits zero.
sox -n -D -r 16000 -b 8 -c 1 tmp8.wav synth 0.2 sine 250 gain -3
sox -D tmp8.wav -b 16 wasted-bits.wav
rm tmp8.wav
flac -s -f -8 --no-padding -o wasted-bits.flac wasted-bits.wav
# 1 to 8 channels, each with its own tone.
tones="sine 200 sine 300 sine 400 sine 500 sine 600 sine 700 sine 800 sine 900"
for n in 3 4 5 6 7 8; do
  # shellcheck disable=SC2086
  encode "channels-$n" 8000 16 "$n" "0.1 $(echo $tones | cut -d' ' -f1-$((2 * n))) gain -3" -8 --channel-map=none
done

# Depths sox cannot write (12, 20 bits) and 32 bits: WAV files whose extensible header says how
# many of the container's bits are valid.
python3 raw-depths.py
flac -s -f -8 --no-padding -o noise-16bit.flac noise-16bit.wav
for bits in 12 20 32; do
  flac -s -f -8 --no-padding -o "depth-${bits}bit.flac" "depth-${bits}bit.wav"
done

# Variable block size, which flac's encoder never writes: frames of two encodings spliced.
flac -s -f -5 --no-padding -b 576 -o tmp-a.flac block-4608.wav
flac -s -f -5 --no-padding -b 1152 -o tmp-b.flac block-4608.wav
python3 splice-variable-blocksize.py tmp-a.flac tmp-b.flac variable-blocksize.flac
cp block-4608.wav variable-blocksize.wav
rm tmp-a.flac tmp-b.flac
