#!/usr/bin/env python3
"""Median pitch (F0) per speaker of a LibriSpeech-layout dataset, as a Markdown table.

Used to check that the synthetic sample dataset's gender labels are real in the acoustic
sense (female voices clearly higher than male ones). Needs python3 with numpy, and sox to
decode FLAC.

    python3 datasets/measure-pitch.py [datasets/LibriSpeech]

F0 is found per 40 ms frame (10 ms hop) with YIN's cumulative mean normalised difference
(de Cheveigne & Kawahara 2002) over 60-400 Hz; a frame counts as voiced when its minimum is
below 0.15 and its level is within 35 dB of the utterance's loudest frame. The speaker's
figure is the median over the voiced frames of all their utterances.
"""
import os
import subprocess
import sys

import numpy as np

RATE = 16000
FRAME = 640   # 40 ms
HOP = 160     # 10 ms
FMIN, FMAX = 60.0, 400.0
THRESHOLD = 0.15


def decode(path):
    raw = subprocess.run(["sox", path, "-t", "raw", "-r", str(RATE), "-e", "signed", "-b", "16",
                          "-c", "1", "-"], check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0


def f0_track(x):
    min_lag, max_lag = int(RATE / FMAX), int(RATE / FMIN)
    n = (len(x) - FRAME - max_lag) // HOP
    if n <= 0:
        return np.array([])
    frames = np.stack([x[i * HOP:i * HOP + FRAME + max_lag] for i in range(n)])
    level = 10 * np.log10(np.mean(frames[:, :FRAME] ** 2, axis=1) + 1e-12)
    loud = level > level.max() - 35
    out = []
    for frame, ok in zip(frames, loud):
        if not ok:
            continue
        w = frame[:FRAME]
        d = np.array([np.sum((w - frame[lag:lag + FRAME]) ** 2) for lag in range(max_lag + 1)])
        cm = np.cumsum(d[1:])
        cmnd = np.ones_like(d)
        cmnd[1:] = d[1:] * np.arange(1, max_lag + 1) / np.maximum(cm, 1e-12)
        seg = cmnd[min_lag:max_lag + 1]
        below = np.nonzero(seg < THRESHOLD)[0]
        if len(below) == 0:
            continue
        k = below[0]
        while k + 1 < len(seg) and seg[k + 1] < seg[k]:   # walk down to the local minimum
            k += 1
        lag = k + min_lag
        if 0 < k < len(seg) - 1:                          # parabolic interpolation
            a, b, c = seg[k - 1], seg[k], seg[k + 1]
            den = a - 2 * b + c
            if den != 0:
                lag += 0.5 * (a - c) / den
        out.append(RATE / lag)
    return np.array(out)


def read_speakers(root):
    speakers = {}
    with open(os.path.join(root, "SPEAKERS.TXT"), encoding="utf-8") as f:
        for line in f:
            if line.startswith(";") or not line.strip():
                continue
            sid, sex, subset, minutes, name = [p.strip() for p in line.split("|", 4)]
            speakers[sid] = (sex, subset, minutes, name)
    return speakers


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "LibriSpeech")
    speakers = read_speakers(root)
    rows = []
    for sid, (sex, subset, _, name) in sorted(speakers.items(), key=lambda kv: (kv[1][1], kv[1][0], int(kv[0]))):
        d = os.path.join(root, subset, sid)
        files = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(d) for f in fs if f.endswith(".flac")) \
            if os.path.isdir(d) else []
        if not files:
            rows.append((sid, sex, subset, 0, 0.0, None, None, None, name))
            continue
        f0s, seconds = [], 0.0
        for path in files:
            x = decode(path)
            seconds += len(x) / RATE
            f0s.append(f0_track(x))
        f0 = np.concatenate(f0s)
        rows.append((sid, sex, subset, len(files), seconds, float(np.median(f0)),
                     float(np.percentile(f0, 10)), float(np.percentile(f0, 90)), name))
    print("| speaker | sex | subset | files | seconds | median F0 (Hz) | F0 10-90 % (Hz) | voice |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |")
    for sid, sex, subset, n, sec, med, p10, p90, name in rows:
        if med is None:
            print(f"| {sid} | {sex} | {subset} | 0 | 0.0 | - | - | {name} (no audio) |")
        else:
            print(f"| {sid} | {sex} | {subset} | {n} | {sec:.1f} | {med:.0f} | {p10:.0f}-{p90:.0f} | {name} |")
    for sex in ("F", "M"):
        meds = [r[5] for r in rows if r[1] == sex and r[5] is not None]
        if meds:
            print(f"\n{sex}: median F0 per speaker from {min(meds):.0f} to {max(meds):.0f} Hz", end="")
    print()


if __name__ == "__main__":
    main()
