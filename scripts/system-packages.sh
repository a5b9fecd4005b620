# shellcheck shell=bash
# The one list of system packages Xsight needs, and the code that installs them. Sourced by ./monitor (demo, test,
# package) and .ci/run; nothing else keeps a list.
#
# Debian/Ubuntu package names. Each purpose lists what it needs beyond the JDK (./monitor finds that) and Maven
# (./mvnw fetches it). "a|b" is one need under two names (Ubuntu 24.04 renamed some libraries *t64): either being
# installed is enough; the first one apt can install is installed.

# A virtual display (30-bit Xvfb) for machines without one: the demo on a headless machine, and every test run.
XSIGHT_XVFB_PACKAGES=(xvfb xauth)
# ./monitor demo: OpenGL (Mesa, llvmpipe without a GPU), GTK 3 for JavaFX's windows, the X extensions LWJGL's GLFW
# and JavaFX load, ALSA for the HLS audio rendition (plus XSIGHT_XVFB_PACKAGES when there is no display).
XSIGHT_DEMO_PACKAGES=(
  libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0 libgles2
  "libgtk-3-0|libgtk-3-0t64" libxtst6 libxxf86vm1
  "libasound2|libasound2t64"
)
# ./monitor package: jlink/jpackage strip native symbols with objcopy (binutils); the .deb is built under fakeroot.
XSIGHT_PACKAGE_PACKAGES=(fakeroot binutils)
# ./monitor test: everything the demo needs (the shell and GL tests open real windows on Xvfb), the ffmpeg tool that
# builds the HLS test streams, the packaging tools (the .deb is built and installed by a test), iproute2 (ip, tc)
# for the impaired-network test, nats-server (the shared-session tests run a real one) and openssl (they make a test
# CA for TLS).
XSIGHT_TEST_PACKAGES=("${XSIGHT_XVFB_PACKAGES[@]}" "${XSIGHT_DEMO_PACKAGES[@]}" ffmpeg "${XSIGHT_PACKAGE_PACKAGES[@]}" iproute2
  nats-server openssl)

xsight_installed() {
  dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q "install ok installed"
}

# Prints the needs among the arguments that are not installed, one per line (as given, "a|b" included).
xsight_missing_packages() {
  local need alt ok
  local -a alts
  for need in "$@"; do
    ok=""
    IFS='|' read -r -a alts <<<"$need"
    for alt in "${alts[@]}"; do
      xsight_installed "$alt" && ok=yes && break
    done
    [ -n "$ok" ] || echo "$need"
  done
}

# The package apt would install for a need: the first alternative with an install candidate (a real package, not
# a virtual one), else the first.
xsight_pick_package() {
  local alt
  local -a alts
  IFS='|' read -r -a alts <<<"$1"
  for alt in "${alts[@]}"; do
    if apt-cache policy "$alt" 2>/dev/null | grep -q "Candidate: [^(]"; then
      echo "$alt"
      return
    fi
  done
  echo "${alts[0]}"
}

# xsight_ensure_packages PURPOSE PACKAGE...
# Debian/Ubuntu: installs the missing packages with apt-get (as root, or with sudo when it needs no password) and
# says what it installs; when neither is possible it prints the one command to run and returns 1.
# Other systems: says what is needed and returns 0 (nothing can be checked there).
xsight_ensure_packages() {
  local purpose="$1"
  shift
  local ffmpeg="" p
  for p in "$@"; do [ "$p" = ffmpeg ] && ffmpeg=yes; done
  case "$(uname -s)" in
    Darwin)
      echo "monitor: $purpose on macOS needs OpenGL 3.3 (built in, no virtual display)${ffmpeg:+ and the ffmpeg tool on PATH (brew install ffmpeg)}; nothing is installed automatically." >&2
      return 0 ;;
    MINGW* | MSYS* | CYGWIN*)
      echo "monitor: $purpose on Windows needs an OpenGL 3.3 graphics driver${ffmpeg:+ and ffmpeg.exe on PATH (winget install ffmpeg)}; nothing is installed automatically." >&2
      return 0 ;;
  esac
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "monitor: not a Debian/Ubuntu system, so nothing is installed; $purpose needs the equivalents of: ${*//|/ or }" >&2
    return 0
  fi
  local missing
  mapfile -t missing < <(xsight_missing_packages "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      local pick=() need
      for need in "${missing[@]}"; do
        pick+=("$(xsight_pick_package "$need")")
      done
      echo "monitor: $purpose needs system packages that are not installed; run: sudo apt-get install --no-install-recommends ${pick[*]}" >&2
      return 1
    fi
  fi
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q -y)
  "${apt[@]}" update >&2 || true
  local pick=() need
  for need in "${missing[@]}"; do
    pick+=("$(xsight_pick_package "$need")")
  done
  echo "monitor: $purpose needs system packages; installing with apt-get: ${pick[*]}" >&2
  if ! "${apt[@]}" install --no-install-recommends "${pick[@]}" >&2; then
    echo "monitor: installing failed; run: sudo apt-get install --no-install-recommends ${pick[*]}" >&2
    return 1
  fi
  mapfile -t missing < <(xsight_missing_packages "$@")
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "monitor: still not installed after apt-get: ${missing[*]}" >&2
    return 1
  fi
  echo "monitor: installed." >&2
}
