#!/usr/bin/env bash
# The reference output against mpv's GPU renderer on the same OpenGL (docs/BENCHMARKS.md, "10-bit OpenGL reference
# output"). Both draw 1080p59.94 Y'CbCr 4:2:2 10-bit BT.709 into a 1920x1080 window on one 30-bit X screen, runs
# interleaved so that both see the same machine:
#   mpv      --vo=gpu --untimed on a raw (uncompressed, y4m) 120-frame clip made by ffmpeg, looped, so decoding is a
#            copy: frames presented per second between its first and its last frame (a small Lua script reads
#            mpv's clock). mpv needs --gpu-sw to accept a software renderer;
#   Xsight   ./monitor reference bench: the moving demo bars at the source rate (59.94/s caps it) through the
#            Rec.709 BT.1886 pipeline; presents per second after its 2 s warm-up. Twice: with --clip 30 (the bars
#            rendered first and replayed: the like-for-like figure, since mpv decodes only the frames it shows while
#            a live source makes all 59.94 a second) and live (the generator renders every frame).
# Needs Xvfb (unless --display names a running X server), mpv and ffmpeg. Prints every run, the medians and
# `uptime` before and after; the machine's other load goes into the figures, so run it on a quiet machine.
#
# usage: scripts/bench-reference-vs-mpv.sh [--runs N] [--seconds S] [--display :N]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=5
SECONDS_PER_RUN=10
DISPLAY_ARG=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --display) DISPLAY_ARG="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench-reference-vs-mpv: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
for tool in mpv ffmpeg; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-reference-vs-mpv: needs $tool (apt-get install $tool)" >&2; exit 1; }
done

WORK="$(mktemp -d)"
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "$DISPLAY_ARG" ]; then
  export DISPLAY="$DISPLAY_ARG"
else
  command -v Xvfb >/dev/null 2>&1 || { echo "bench-reference-vs-mpv: needs Xvfb or --display" >&2; exit 1; }
  # Xvfb picks a free display number and writes it to the given descriptor.
  Xvfb -displayfd 5 -screen 0 1920x1080x30 -nolisten tcp 5>"$WORK/display" >/dev/null 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 1 100); do [ -s "$WORK/display" ] && break; sleep 0.1; done
  [ -s "$WORK/display" ] || { echo "bench-reference-vs-mpv: Xvfb did not start" >&2; exit 1; }
  export DISPLAY=":$(tr -d '[:space:]' <"$WORK/display")"
fi
export XDG_RUNTIME_DIR="$WORK/xdg"
mkdir -m 700 "$XDG_RUNTIME_DIR"

# Two seconds of raw 10-bit 4:2:2 (8.3 MB a frame), looped as often as a run needs.
CLIP_FRAMES=120
ffmpeg -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=60000/1001" -frames:v "$CLIP_FRAMES" \
  -pix_fmt yuv422p10le -color_primaries bt709 -color_trc bt709 -colorspace bt709 -color_range tv \
  -f yuv4mpegpipe -strict -1 "$WORK/clip.y4m"
cat >"$WORK/rate.lua" <<'EOF'
-- Seconds from the first frame on screen to the end: mpv presented (frames - 1) frames in that time; and the
-- process's CPU seconds (all threads, os.clock) over the same span.
local t0, c0 = nil, nil
mp.register_event("playback-restart", function()
  if not t0 then t0 = mp.get_time(); c0 = os.clock() end
end)
mp.register_event("shutdown", function()
  if t0 then print(string.format("elapsed %.4f cpu %.4f", mp.get_time() - t0, os.clock() - c0)) end
end)
EOF

mpv_run() {
  # The clip played 1 + $1 times: about SECONDS_PER_RUN at the previous run's rate.
  local loops="$1" out
  out="$(mpv --no-config --vo=gpu --gpu-sw --gpu-context=x11egl --untimed --no-audio --osd-level=0 \
    --geometry=1920x1080+0+0 --loop-file="$loops" --script="$WORK/rate.lua" --msg-level=all=error,rate=info \
    "$WORK/clip.y4m" 2>&1 | sed -n 's/.*elapsed \([0-9.]*\) cpu \([0-9.]*\).*/\1 \2/p')"
  [ -n "$out" ] || { echo "mpv did not report a time" >&2; return 1; }
  # frames/s and CPU ms per frame
  echo "$out" | awk -v f="$(((loops + 1) * CLIP_FRAMES))" '{ printf "%.2f %.1f\n", (f - 1) / $1, 1000 * $2 / (f - 1) }'
}

xsight_run() {
  # presents/s and process CPU ms per present
  "$ROOT/monitor" reference bench --seconds "$SECONDS_PER_RUN" --runs 1 "$@" 2>/dev/null \
    | sed -n 's/^run 1: .*presented \([0-9.]*\)\/s.*process CPU \([0-9.]*\) ms.*/\1 \2/p'
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

"$ROOT/monitor" reference --help >/dev/null 2>&1 || true   # builds Xsight first if needed, outside the runs
echo "machine: $(nproc) CPUs, $(uname -m); display $DISPLAY"
echo "uptime before: $(uptime)"
MPV_RATES=(); MPV_CPU=()
CLIP_RATES=(); CLIP_CPU=()
LIVE_RATES=(); LIVE_CPU=()
loops=$((SECONDS_PER_RUN * 30 / CLIP_FRAMES))
for i in $(seq 1 "$RUNS"); do
  read -r m mc < <(mpv_run "$loops")
  read -r c cc < <(xsight_run --clip 30)
  read -r l lc < <(xsight_run)
  MPV_RATES+=("$m"); MPV_CPU+=("$mc")
  CLIP_RATES+=("$c"); CLIP_CPU+=("$cc")
  LIVE_RATES+=("$l"); LIVE_CPU+=("$lc")
  echo "run $i: mpv $m frames/s ($mc ms CPU each); Xsight $c presents/s with --clip 30 ($cc ms CPU each)," \
    "$l live ($lc ms CPU each, the generator's 59.94 frames/s included)"
  loops="$(awk -v r="$m" -v s="$SECONDS_PER_RUN" -v c="$CLIP_FRAMES" 'BEGIN { l = int(r * s / c + 0.5) - 1; print (l < 0 ? 0 : l) }')"
done
echo "uptime after: $(uptime)"
med() { printf '%s\n' "$@" | median; }
m="$(med "${MPV_RATES[@]}")"; c="$(med "${CLIP_RATES[@]}")"; l="$(med "${LIVE_RATES[@]}")"
awk -v m="$m" -v c="$c" -v l="$l" -v n="$RUNS" 'BEGIN {
  printf "median of %d: mpv %.2f frames/s; Xsight %.2f presents/s with --clip 30 (%.2fx mpv), %.2f live (%.2fx)\n",
    n, m, c, c / m, l, l / m }'
echo "CPU per frame, medians: mpv $(med "${MPV_CPU[@]}") ms; Xsight $(med "${CLIP_CPU[@]}") ms with --clip 30," \
  "$(med "${LIVE_CPU[@]}") ms live"
