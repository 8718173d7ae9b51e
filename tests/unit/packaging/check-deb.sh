#!/usr/bin/env bash
# Builds the Debian package from a configured and built tree with cpack, unpacks it
# with dpkg-deb and checks what a desktop needs: the binary, the .desktop file, the
# AppStream metainfo and the icon. Then checks that the checks themselves fail when
# one of those files is missing.
# Usage: check-deb.sh BUILD_DIR VERSION
set -uo pipefail

build_dir=$1
version=$2
app_id=io.warroom.Warroom
failures=0

fail() { printf 'FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
pass() { printf 'PASS: %s\n' "$*"; }

for tool in cpack dpkg-deb; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# cpack writes its staging tree under -B, so parallel runs do not share one.
if ! cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    echo "FAIL: cpack -G DEB failed" >&2
    exit 1
fi
deb=$(find "$work/out" -maxdepth 1 -name "warroom_${version}_*.deb" | head -n 1)
if [ -z "$deb" ]; then
    ls -l "$work/out" >&2
    echo "FAIL: no warroom_${version}_*.deb was made" >&2
    exit 1
fi
pass "cpack made $(basename "$deb")"

# The control fields.
info=$(dpkg-deb -I "$deb")
grep -qx ' Package: warroom' <<<"$info" && pass "Package: warroom" || fail "Package is not warroom"
grep -qx " Version: ${version}" <<<"$info" && pass "Version: $version" || fail "Version is not $version"
grep -qx ' Section: admin' <<<"$info" && pass "Section: admin" || fail "no Section: admin"
depends=$(sed -n 's/^ Depends: //p' <<<"$info")
for dep in libqt6widgets6 libqt6sql6 libqt6svg6 libqt6sql6-sqlite libc6; do
    grep -qE "(^|, )${dep}( |,|$)" <<<"$depends" && pass "Depends on $dep" \
        || fail "Depends lacks $dep (got: $depends)"
done
grep -q '^ Description: ' <<<"$info" && pass "has a Description" || fail "no Description"

# Checks an unpacked tree; prints what is wrong and returns non-zero when anything is.
check_tree() {
    local root=$1 errors=0
    local bin="$root/usr/bin/warroom"
    local desktop="$root/usr/share/applications/$app_id.desktop"
    local metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
    local icon="$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    bad() { printf '  %s\n' "$*" >&2; errors=$((errors + 1)); }

    [ -x "$bin" ] || bad "missing or not executable: usr/bin/warroom"
    if [ -f "$desktop" ]; then
        grep -qx 'Exec=warroom' "$desktop" || bad ".desktop: Exec is not warroom"
        grep -qx "Icon=$app_id" "$desktop" || bad ".desktop: Icon is not $app_id"
        grep -q '^Categories=.\+;$' "$desktop" || bad ".desktop: no Categories"
        grep -qx 'Type=Application' "$desktop" || bad ".desktop: Type is not Application"
        if command -v desktop-file-validate >/dev/null; then
            desktop-file-validate "$desktop" >&2 || bad ".desktop: desktop-file-validate failed"
        fi
    else
        bad "missing: usr/share/applications/$app_id.desktop"
    fi
    if [ -f "$metainfo" ]; then
        grep -q "<id>$app_id</id>" "$metainfo" || bad "metainfo: id is not $app_id"
        grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
            || bad "metainfo: no launchable $app_id.desktop"
        grep -q "<release version=\"$version\"" "$metainfo" || bad "metainfo: no release $version"
        if command -v appstreamcli >/dev/null; then
            appstreamcli validate --no-net "$metainfo" >&2 || bad "metainfo: appstreamcli validate failed"
        fi
    else
        bad "missing: usr/share/metainfo/$app_id.metainfo.xml"
    fi
    if [ -f "$icon" ]; then
        grep -q '<svg' "$icon" || bad "icon: not an SVG"
    else
        bad "missing: usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    fi
    return "$errors"
}

root="$work/root"
dpkg-deb -x "$deb" "$root" || { echo "FAIL: dpkg-deb -x failed" >&2; exit 1; }
if check_tree "$root"; then
    pass "binary, .desktop, metainfo and icon are installed and valid"
else
    fail "the unpacked package is incomplete (see above)"
fi
if command -v appstreamcli >/dev/null; then pass "appstreamcli validate ran"; else echo "NOTE: appstreamcli not installed, metainfo not validated"; fi
if command -v desktop-file-validate >/dev/null; then pass "desktop-file-validate ran"; else echo "NOTE: desktop-file-validate not installed, .desktop checked by hand only"; fi

# The checks must notice a missing file: remove each in turn from a copy.
for missing in usr/bin/warroom "usr/share/applications/$app_id.desktop" \
    "usr/share/metainfo/$app_id.metainfo.xml" "usr/share/icons/hicolor/scalable/apps/$app_id.svg"; do
    rm -rf "$work/broken"
    cp -a "$root" "$work/broken"
    rm -f "$work/broken/$missing"
    if check_tree "$work/broken" 2>/dev/null; then
        fail "check_tree did not notice that $missing is missing"
    else
        pass "a package without $missing is refused"
    fi
done

if [ "$failures" -ne 0 ]; then
    echo "packaging check: $failures failure(s)" >&2
    exit 1
fi
echo "packaging check: all passed"
