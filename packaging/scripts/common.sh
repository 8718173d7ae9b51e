# Shared by run-demo.sh and run-tests.sh: install what is missing, configure, build.
# Sourced, not executed. Idempotent: a second run installs nothing and rebuilds only
# what changed.

WARROOM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Debian packages the build, the app and the tests need.
WARROOM_BUILD_PACKAGES=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev
    libqt6opengl6-dev qtkeychain-qt6-dev libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 libsqlite3-dev libzstd-dev libsimdjson-dev libgl-dev
    xvfb xauth
)
WARROOM_TEST_PACKAGES=(
    dpkg-dev appstream desktop-file-utils file wrk sqlite3 python3 python3-pip python3-venv
    poppler-utils
    postgresql dbus gnome-keyring
    clang libclang-rt-14-dev
)

warroom_log() { printf '[warroom] %s\n' "$*" >&2; }

warroom_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        warroom_log "need root to run: $* (install sudo or run as root)"
        return 1
    fi
}

# Installs the named Debian packages that are not installed yet.
warroom_apt_install() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    warroom_log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    warroom_as_root apt-get update -qq
    warroom_as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures and builds the given CMake preset (dev, release, asan); further arguments
# name the targets to build (default: everything).
warroom_build() {
    local preset=$1
    shift
    cd "$WARROOM_ROOT" || return 1
    if [ ! -f "build/$preset/build.ninja" ]; then
        cmake --preset "$preset" >/dev/null || return 1
    fi
    local targets=()
    [ $# -gt 0 ] && targets=(--target "$@")
    cmake --build --preset "$preset" "${targets[@]}" -- -j"$(nproc)"
}

# The reference clients the server tests use (boto3, the AWS CLI) and moto_server, which
# emulates Organizations, STS, Security Hub and GuardDuty for the client tests.
# Debian's python3-boto3 predates security-ir: the tests point AWS_DATA_PATH at the
# model the project ships, so the Debian package is enough. Debian has no moto: it comes
# from pip when it is missing.
warroom_python_test_deps() {
    if ! python3 -c 'import boto3' >/dev/null 2>&1; then
        warroom_apt_install python3-boto3
    fi
    if ! python3 -c 'import requests' >/dev/null 2>&1; then
        warroom_apt_install python3-requests
    fi
    if ! command -v aws >/dev/null 2>&1; then
        warroom_apt_install awscli
    fi
    warroom_postgres_test_user
    if ! command -v moto_server >/dev/null 2>&1 || ! python3 -c 'import moto' >/dev/null 2>&1; then
        warroom_log "installing moto[server] with pip"
        local pip_flags=(--user --quiet)
        python3 -m pip install --help 2>/dev/null | grep -q -- --break-system-packages \
            && pip_flags+=(--break-system-packages)
        python3 -m pip install "${pip_flags[@]}" 'moto[server]' \
            || warroom_log "could not install moto with pip: the tests that start moto_server will fail"
        export PATH="$HOME/.local/bin:$PATH"
    fi
}

# The server tests start their own PostgreSQL (tests/server/pgfixture.py), and postgres
# refuses to run as root: as root, they run it as this system user. Idempotent.
warroom_postgres_test_user() {
    [ "$(id -u)" -eq 0 ] || return 0
    id -u warroom-pg >/dev/null 2>&1 && return 0
    warroom_log "creating the system user warroom-pg for the PostgreSQL tests"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin warroom-pg
}
