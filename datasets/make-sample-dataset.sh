#!/usr/bin/env bash
# make-sample-dataset.sh: build the small synthetic sample dataset that voice-gender ships.
#
# Writes datasets/LibriSpeech/ (or the directory given as the first argument) in the exact
# layout of the LibriSpeech corpus, so that the project's LibriSpeech reader, the default
# `gender.datasetDir` and the default subsets work on a fresh machine without a download:
#
#   SPEAKERS.TXT                                   ;ID | SEX | SUBSET | MINUTES | NAME
#   train-clean-100/<spk>/<chapter>/<spk>-<chapter>-<utt>.flac   (16 kHz, mono, 16-bit FLAC)
#   train-clean-100/<spk>/<chapter>/<spk>-<chapter>.trans.txt    (<utt-id> TRANSCRIPT IN CAPS)
#   dev-clean/...                                                 (same, other speakers)
#
# All speech is synthesised here with espeak-ng (no recorded voice, no copied corpus): 8
# training speakers (4 F, 4 M) and 4 evaluation speakers (2 F, 2 M) with disjoint voices.
# Each speaker is one espeak-ng voice variant, accent, pitch (-p) and speed (-s), the same for
# all of that speaker's utterances; female variants speak with a clearly higher fundamental
# frequency than male ones (see README.md for the measured table). A light "recording
# channel" per speaker (level, a little pink noise, mild reverb or band limits) adds realism;
# the channels are dealt out so that each one is used by a female and a male speaker alike,
# which keeps recording conditions from giving the gender away. One speaker is listed in
# SPEAKERS.TXT with no audio, as real readers of a partial copy of the corpus must handle.
#
# Deterministic: the same tools give byte-identical files on every run (sox runs with -R, the
# noise comes from one seeded noise track at fixed offsets). The output directory is built
# in a temporary directory and then swapped in, so a re-run replaces it cleanly.
#
# Needs: bash, espeak-ng, sox (with FLAC support), awk. On Debian or Ubuntu:
#   apt-get install -y espeak-ng sox flac
# Made with espeak-ng 1.51 and sox 14.4.2 (Debian 12); other versions give slightly
# different audio, which is fine for the pipeline but changes the committed files.
#
# Usage: datasets/make-sample-dataset.sh [OUTPUT_DIR]   (default: datasets/LibriSpeech)
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$here/LibriSpeech}

missing=()
for tool in espeak-ng sox soxi awk; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "error: missing tool(s): ${missing[*]}" >&2
  echo "install them, e.g. on Debian/Ubuntu: apt-get install -y espeak-ng sox flac" >&2
  exit 1
fi
if ! sox -h 2>/dev/null | grep -A1 '^AUDIO FILE FORMATS' | grep -qw flac; then
  echo "error: this sox cannot write FLAC; install a sox built with libFLAC (Debian: sox)" >&2
  exit 1
fi
espeak_version=$(espeak-ng --version | awk '{print $4}')
case $espeak_version in
  1.51*) ;;
  *) echo "warning: espeak-ng $espeak_version (the committed sample was made with 1.51):" \
          "the audio will differ slightly from the committed files" >&2 ;;
esac

# Plain English sentences written for this sample (no numerals or abbreviations, so the
# LibriSpeech-style transcript is simply the sentence in capitals without punctuation).
# Each is used at most once, in order, so no two utterances share a text; the spare ones at
# the end let a speaker or an utterance be added without writing new text.
sentences=(
  "The old lighthouse keeper walked slowly along the rocky shore at dawn."
  "She folded the letter twice and hid it beneath a loose floorboard."
  "A cold wind came down from the hills and rattled every window in the village."
  "We waited by the river until the last boat had gone around the bend."
  "The children laughed as the little dog chased its own shadow across the yard."
  "He had never seen so many stars in the sky on a single night."
  "The baker rose before the sun to light the great brick oven."
  "Our neighbour keeps bees in a row of white boxes behind her garden."
  "The train was late, so they sat on the platform and shared an orange."
  "Rain fell softly on the roof while the family gathered around the fire."
  "The captain studied the map and frowned at the narrow passage ahead."
  "Every morning the market square filled with carts of apples and cabbages."
  "I found an old key in the pocket of my grandfather's winter coat."
  "The meadow was bright with yellow flowers after the spring rain."
  "They built a small cabin at the edge of the forest near a clear stream."
  "The teacher asked us to read the poem aloud, one line at a time."
  "A single candle burned in the window of the empty house."
  "The fisherman mended his nets while the gulls cried overhead."
  "She played the piano so gently that the whole room fell silent."
  "The road wound through the valley and climbed toward the distant pass."
  "He carried the heavy basket up the hill without a word of complaint."
  "The clock in the hall struck midnight just as the guests were leaving."
  "Snow covered the fields, and the world seemed quiet and new."
  "The traveller asked the shepherd for directions to the nearest inn."
  "We planted a row of beans and watered them every evening."
  "The library smelled of dust, leather, and old paper."
  "A flock of geese flew south over the marsh in a long grey line."
  "The blacksmith struck the glowing iron, and sparks flew across the floor."
  "My sister wrote her name in the sand and watched the tide wash it away."
  "The merchant counted his coins twice before he closed the shop."
  "A small boat drifted past the harbour wall with its sail half raised."
  "The soldiers marched through the town as the church bells rang."
  "He opened the window and let the warm summer air into the room."
  "The path through the woods was covered with fallen leaves."
  "She kept a diary of every bird she saw during the long summer."
  "The farmer leaned on the gate and watched the storm clouds gather."
  "At the end of the lane stood a crooked house with a green door."
  "The doctor listened carefully and then wrote a few words in his notebook."
  "They rowed across the lake while the mist was still rising from the water."
  "The kettle began to sing, and grandmother reached for the teapot."
  "A fox crept along the hedge, looking for a way into the hen house."
  "The musicians tuned their instruments in the corner of the crowded hall."
  "Nobody knew where the strange old sailor had come from."
  "The bridge was washed away in the flood, so we crossed at the ford."
  "She tied a blue ribbon around the box and set it on the table."
  "The moon rose slowly over the hills and silvered the quiet lake."
  "He learned to read by candlelight in a tiny room above the stable."
  "The garden wall was covered with ivy and small white roses."
  "We heard the distant thunder long before we saw the lightning."
  "The innkeeper brought bread, cheese, and a jug of cold milk."
  "A young horse galloped across the field with its mane flying in the wind."
  "The painter mixed his colours carefully before touching the canvas."
  "Her brother promised to return before the harvest was over."
  "The ship's bell rang twice, and the sailors hurried to the deck."
  "The old stone church stood alone on the top of the hill."
  "They spent the afternoon picking blackberries along the railway line."
  "The wind carried the smell of salt and seaweed from the shore."
  "He wrapped the book in brown paper and tied it with string."
  "The village school had only one room and a single stove."
  "Long shadows stretched across the lawn as the sun went down."
  "The postman whistled a cheerful tune as he walked from door to door."
  "A heavy fog rolled in from the sea and hid the whole harbour."
  "She measured the flour, cracked the eggs, and stirred the batter."
  "The boys climbed the tallest tree to look for the lost kite."
  "Nobody spoke as the carriage rolled slowly through the gates."
  "The cat slept on the warm stones beside the kitchen hearth."
  "We followed the footprints in the snow until they disappeared."
  "The queen's garden was famous for its fountains and tall hedges."
  "He sharpened his pencil and began to draw the sleeping dog."
  "The miller's wheel turned steadily in the fast brown water."
  "Every window of the great house was lit for the winter ball."
  "The guide warned us that the cave was deeper than it looked."
  "She hummed an old song while she hung the washing on the line."
  "The storm passed in the night, and the morning was calm and bright."
  "A tall man in a grey coat waited at the corner of the street."
  "The owl called from the barn roof as darkness settled over the farm."
  "They sold their apples at the fair and bought a new saddle."
  "The river was so clear that we could count the pebbles on the bottom."
  "He kept his promise and wrote to her every week for a year."
  "The last light faded, and the first stars appeared above the trees."
)

# One line per speaker: ID|SEX|SUBSET|espeak-ng voice|pitch (-p)|speed (-s, words/min)|
# channel (see channel_effects)|chapters as CHAPTER:UTTERANCES, space separated.
# IDs are above LibriSpeech's highest reader id (9026), so they never collide with it.
speakers=(
  "9104|F|train-clean-100|en-us+f1|38|158|A|120473:6"
  "9117|M|train-clean-100|en-us+m1|36|155|B|120511:6"
  "9123|F|train-clean-100|en-gb-x-rp+f4|55|150|C|120538:4 120540:2"
  "9138|M|train-clean-100|en-gb-x-rp+m6|55|148|D|120562:6"
  "9142|F|train-clean-100|en+belinda|58|165|B|120587:6"
  "9156|M|train-clean-100|en-us+robert|66|162|A|120603:3 120611:3"
  "9161|F|train-clean-100|en-us+steph|52|170|D|120634:6"
  "9179|M|train-clean-100|en-gb-scotland+m2|42|150|C|120659:6"
  "9185|F|dev-clean|en-us+f5|45|155|E|130112:5"
  "9193|M|dev-clean|en-us+m7|62|165|F|130127:5"
  "9207|F|dev-clean|en-gb-scotland+f3|55|160|F|130148:5"
  "9214|M|dev-clean|en-gb-x-rp+quincy|58|152|E|130163:5"
)
# Listed in SPEAKERS.TXT, deliberately without audio: a reader must warn and go on.
absent_speaker="9230|F|train-clean-100|0.42|Absent Reader"

# A speaker's recording channel: sox effects applied to the clean 16 kHz speech (they end
# with the peak level), and the level of the pink noise mixed under it.
channel_effects() {
  case $1 in
    A) echo "norm -2" ;;
    B) echo "reverb 20 50 30 100 5 -8 norm -6" ;;
    C) echo "highpass 120 lowpass 6500 norm -9" ;;
    D) echo "reverb 35 60 45 100 10 -6 norm -4" ;;
    E) echo "lowpass 7200 norm -7" ;;
    F) echo "highpass 90 reverb 25 50 35 100 5 -8 norm -3" ;;
    *) echo "unknown channel $1" >&2; return 1 ;;
  esac
}
channel_noise_db() {
  case $1 in
    A) echo -52 ;; B) echo -58 ;; C) echo -55 ;; D) echo -62 ;; E) echo -56 ;; F) echo -60 ;;
  esac
}

spoken_transcript() {  # LibriSpeech style: capitals, apostrophes kept, no other punctuation
  printf '%s\n' "$1" | tr '[:lower:]' '[:upper:]' | tr -c "A-Z'\n" ' ' | awk '{$1=$1; print}'
}

parent=$(dirname "$out")
mkdir -p "$parent"
work=$(mktemp -d "$parent/.sample-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
stage=$work/LibriSpeech
tmp=$work/tmp
mkdir -p "$stage" "$tmp"

# One long pink-noise track (fixed seed through -R); each utterance takes its own stretch.
noise_seconds=600
sox -R -n -r 16000 -b 16 -c 1 "$tmp/noise.wav" synth "$noise_seconds" pinknoise norm -1

minutes_file=$tmp/minutes
: >"$minutes_file"
next_sentence=0
utterance_no=0
for entry in "${speakers[@]}"; do
  IFS='|' read -r id sex subset voice pitch speed channel chapters <<<"$entry"
  effects=$(channel_effects "$channel")
  noise_db=$(channel_noise_db "$channel")
  seconds_total=0
  for chapter_spec in $chapters; do
    chapter=${chapter_spec%%:*}
    count=${chapter_spec##*:}
    dir=$stage/$subset/$id/$chapter
    mkdir -p "$dir"
    trans=$dir/$id-$chapter.trans.txt
    : >"$trans"
    for ((u = 0; u < count; u++)); do
      if ((next_sentence >= ${#sentences[@]})); then
        echo "error: more utterances than sentences; add sentences" >&2
        exit 1
      fi
      text=${sentences[next_sentence]}
      next_sentence=$((next_sentence + 1))
      utt=$(printf '%s-%s-%04d' "$id" "$chapter" "$u")
      # Leading and trailing pauses vary a little per utterance, as in read speech.
      lead=$(awk -v n="$utterance_no" 'BEGIN { printf "%.2f", 0.12 + (n * 7 % 5) * 0.04 }')
      tail=$(awk -v n="$utterance_no" 'BEGIN { printf "%.2f", 0.18 + (n * 3 % 4) * 0.05 }')
      espeak-ng -v "$voice" -p "$pitch" -s "$speed" -w "$tmp/tts.wav" "$text"
      # shellcheck disable=SC2086  # $effects is a list of sox effects
      sox -R "$tmp/tts.wav" -r 16000 -b 16 -c 1 "$tmp/speech.wav" \
        gain -8 rate -h 16000 \
        silence 1 0.01 0.05% reverse silence 1 0.01 0.05% reverse \
        pad "$lead" "$tail" $effects
      dur=$(soxi -D "$tmp/speech.wav")
      offset=$(awk -v n="$utterance_no" -v s="$noise_seconds" 'BEGIN { printf "%.3f", (n * 7.31) % (s - 10) }')
      sox -R "$tmp/noise.wav" "$tmp/noise-cut.wav" trim "$offset" "$dur" gain "$noise_db"
      sox -R -m -v 1 "$tmp/speech.wav" -v 1 "$tmp/noise-cut.wav" \
        -r 16000 -b 16 -c 1 -C 8 "$dir/$utt.flac"
      dur=$(soxi -D "$dir/$utt.flac")
      if ! awk -v d="$dur" 'BEGIN { exit !(d >= 2.0 && d <= 6.0) }'; then
        echo "error: $utt lasts ${dur}s, outside 2-6 s: shorten or lengthen \"$text\"" >&2
        exit 1
      fi
      seconds_total=$(awk -v a="$seconds_total" -v b="$dur" 'BEGIN { printf "%.6f", a + b }')
      printf '%s %s\n' "$utt" "$(spoken_transcript "$text")" >>"$trans"
      utterance_no=$((utterance_no + 1))
    done
  done
  name="Synthetic $voice p$pitch s$speed"
  awk -v id="$id" -v sex="$sex" -v subset="$subset" -v s="$seconds_total" -v name="$name" \
    'BEGIN { printf "%s|%s|%s|%.2f|%s\n", id, sex, subset, s / 60, name }' >>"$minutes_file"
  echo "speaker $id ($sex, $subset, $voice): ${seconds_total%????} s" >&2
done
echo "$absent_speaker" >>"$minutes_file"

# SPEAKERS.TXT: LibriSpeech's own header and column layout, readers sorted by id.
{
  cat <<'EOF'
; Some pipe(|) separated metadata about all LibriVox readers, whose work was used
; in the corpus.
;
; The meaning of the fields in left-to-right order is as follows:
;
; reader_id: the ID of the reader in the LibriVox's database
; gender: 'F' for female, 'M' for male
; subset: the corpus subset to which the reader's audio is assigned
; duration: total number of minutes of speech by the reader, included in the corpus
; name: the name under which the reader is registered in LibriVox
;
;ID  |SEX| SUBSET           |MINUTES| NAME
EOF
  sort -t'|' -k1,1n "$minutes_file" |
    awk -F'|' '{ printf "%-5s| %s | %-17s| %-6s| %s\n", $1, $2, $3, $4, $5 }'
} >"$stage/SPEAKERS.TXT"

rm -rf "$out"
mv "$stage" "$out"
echo "wrote $out: $(find "$out" -name '*.flac' | wc -l) utterances," \
  "$(du -sh "$out" | cut -f1)" >&2
