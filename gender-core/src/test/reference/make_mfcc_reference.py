#!/usr/bin/python3
"""Reference values for the Java MFCC pipeline, computed with torchaudio (an independent
implementation), so that MelFilterBankTest / MfccExtractorTest / DeltasTest compare against
numbers we did not produce ourselves.

Run with the Debian Python (apt-get install python3-torchaudio), from anywhere:

    /usr/bin/python3 gender-core/src/test/reference/make_mfcc_reference.py

It writes into gender-core/src/test/resources/features/:

  reference_signal.f32   1 s at 16 kHz, float32 little-endian, deterministic (tones, a chirp,
                         seeded noise, a quiet stretch)
  mel_filterbank.csv     257 rows (FFT bins 0..256 of a 512-point FFT) x 40 columns (mel bands):
                         torchaudio.functional.melscale_fbanks(htk, norm=None, 20..8000 Hz)
  mfcc.csv               one row per frame, 20 columns (c0..c19)
  mfcc_deltas.csv        compute_deltas(mfcc, win_length=5) (edge mode 'replicate'), same shape

Framing. torch.stft takes frames of n_fft=512 samples and zero-pads the 400-sample window to 512
*centred*, i.e. the window covers samples [56, 456) of each 512-sample frame. The Java extractor
takes frames of frameLength=400 samples starting at t*hop (no centre padding) and zero-pads the
windowed frame at the end to 512. Zero-padding position does not change the power spectrum, so
feeding torch the signal with (512-400)/2 = 56 zeros in front makes torch frame t equal Java frame
t (both windows start at sample t*160 of the original signal). Both then yield
1 + (16000-400)//160 = 98 frames.

Window: torch.hamming_window(400) with its default periodic=True, i.e.
0.54 - 0.46*cos(2*pi*n/400), the same as the Java side. Power spectrum (power=2, no
normalisation), mel energies, log(x + 1e-6) (torchaudio's log_mels offset), DCT-II ortho.
"""
import os

import numpy as np
import torch
import torchaudio

SR = 16000
N_FFT = 512
WIN = 400
HOP = 160
N_MELS = 40
N_MFCC = 20
F_MIN = 20.0
F_MAX = 8000.0

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "..", "resources", "features"))


def make_signal():
    """Deterministic speech-ish test signal: a harmonic complex at 150 Hz with a vibrato, a 1 kHz
    tone, a 100 Hz -> 6 kHz exponential chirp, seeded white noise, and a quiet stretch."""
    t = np.arange(SR, dtype=np.float64) / SR
    f0 = 150.0 * (1.0 + 0.02 * np.sin(2 * np.pi * 3.0 * t))
    phase = 2 * np.pi * np.cumsum(f0) / SR
    x = np.zeros_like(t)
    for h in range(1, 11):
        x += 0.3 / h * np.sin(h * phase)
    x += 0.1 * np.sin(2 * np.pi * 1000.0 * t)
    k = np.log(6000.0 / 100.0)
    x += 0.05 * np.sin(2 * np.pi * 100.0 * (np.exp(k * t) - 1.0) / k)
    rng = np.random.default_rng(20261127)
    x += 0.02 * rng.standard_normal(SR)
    envelope = np.ones_like(t)
    envelope[(t > 0.6) & (t < 0.75)] = 0.01  # a quiet stretch, about -40 dB
    x *= envelope
    return x.astype(np.float32)


def write_csv(path, matrix):
    np.savetxt(path, np.asarray(matrix, dtype=np.float64), fmt="%.9g", delimiter=",")


def main():
    os.makedirs(OUT, exist_ok=True)
    signal = make_signal()
    signal.astype("<f4").tofile(os.path.join(OUT, "reference_signal.f32"))

    fb = torchaudio.functional.melscale_fbanks(
        n_freqs=N_FFT // 2 + 1, f_min=F_MIN, f_max=F_MAX, n_mels=N_MELS, sample_rate=SR,
        norm=None, mel_scale="htk")
    write_csv(os.path.join(OUT, "mel_filterbank.csv"), fb.numpy())

    mfcc_transform = torchaudio.transforms.MFCC(
        sample_rate=SR, n_mfcc=N_MFCC, dct_type=2, norm="ortho", log_mels=True,
        melkwargs=dict(n_fft=N_FFT, win_length=WIN, hop_length=HOP, f_min=F_MIN, f_max=F_MAX,
                       n_mels=N_MELS, window_fn=torch.hamming_window, power=2.0,
                       center=False, norm=None, mel_scale="htk"))
    shift = (N_FFT - WIN) // 2
    padded = np.concatenate([np.zeros(shift, dtype=np.float32), signal])
    waveform = torch.from_numpy(padded).unsqueeze(0)
    mfcc = mfcc_transform(waveform)[0]  # (n_mfcc, frames)
    deltas = torchaudio.functional.compute_deltas(mfcc, win_length=5, mode="replicate")
    write_csv(os.path.join(OUT, "mfcc.csv"), mfcc.T.numpy())
    write_csv(os.path.join(OUT, "mfcc_deltas.csv"), deltas.T.numpy())
    print("torch", torch.__version__, "torchaudio", torchaudio.__version__,
          "frames", mfcc.shape[1], "->", OUT)


if __name__ == "__main__":
    main()
