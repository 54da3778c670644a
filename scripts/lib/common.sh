# Shared by scripts/run and scripts/test: install what is missing, configure and build.
# Idempotent: a second run installs nothing and rebuilds only what changed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JOBS="${JOBS:-2}"

# Debian packages the build and the tests need.
PASSERELLE_PACKAGES=(
  cmake ninja-build g++ pkg-config binutils
  libboost-dev libboost-system-dev
  librdkafka-dev libcpp-httplib-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libjemalloc-dev libsimdjson-dev
  libssl-dev kcat openjdk-17-jre-headless maven
)

log() { printf '==> %s\n' "$*" >&2; }

install_packages() {
  local missing=()
  for p in "${PASSERELLE_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  log "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build DIR BUILD_TYPE [extra cmake args...]
build() {
  local dir="$1" type="$2"
  shift 2
  if [ ! -f "$dir/build.ninja" ]; then
    log "configuring $dir ($type)"
    cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  fi
  log "building $dir"
  cmake --build "$dir" -j "$JOBS"
}
