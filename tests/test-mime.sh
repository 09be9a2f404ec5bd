#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The .counterpoint MIME type as a desktop sees it: the build installed into
# a scratch folder, its MIME database built there, and xdg-mime asked about
# sample files with that folder first in XDG_DATA_DIRS (GNOME's way, gio
# info, so the answer comes from shared-mime-info). Every answer is checked
# against the system's alone too, so a pass cannot come from elsewhere.
# Usage: test-mime.sh MESON BUILDDIR DATADIR (DATADIR: prefix/datadir)
set -uo pipefail
meson=$1
builddir=$2
datadir=$3

echo "1..6"
for tool in xdg-mime:xdg-utils update-mime-database:shared-mime-info gio:libglib2.0-bin; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    echo "not ok 1 - ${tool%%:*} is missing: install the Debian package ${tool##*:} (build-aux/install-deps does)"
    exit 1
  fi
done

scratch=$(mktemp -d)
mkdir "$scratch/home"
trap 'rm -rf "$scratch"' EXIT
if ! "$meson" install -C "$builddir" --no-rebuild --quiet --destdir "$scratch/root" >"$scratch/install.log" 2>&1; then
  echo "not ok 1 - meson install into $scratch/root failed"
  sed 's/^/# /' "$scratch/install.log"
  exit 1
fi
share=$scratch/root$datadir
package=$share/mime/packages/io.github.counterpoint.Counterpoint.xml
if [[ -f "$package" ]]; then
  echo "ok 1 - installed $datadir/mime/packages/io.github.counterpoint.Counterpoint.xml"
else
  echo "not ok 1 - $datadir/mime/packages/io.github.counterpoint.Counterpoint.xml is not installed"
fi

if XDG_DATA_DIRS="$share:/usr/share" XDG_DATA_HOME="$scratch/home" update-mime-database "$share/mime" 2>"$scratch/update.log" && [[ ! -s "$scratch/update.log" ]]; then
  echo "ok 2 - update-mime-database reads it without a complaint"
else
  echo "not ok 2 - update-mime-database:"
  sed 's/^/# /' "$scratch/update.log"
fi

mkdir "$scratch/files"
printf '{\n  "format" : "counterpoint-comparison",\n  "version" : 1\n}\n' >"$scratch/files/reviews.counterpoint"
cp "$scratch/files/reviews.counterpoint" "$scratch/files/saved-without-extension"
printf '{"format":"counterpoint-comparison","version":2}' >"$scratch/files/compact"
printf '{"format": "something-else", "version": 1}\n' >"$scratch/files/other-json"

query ()
{
  env XDG_CURRENT_DESKTOP=GNOME GIO_USE_VFS=local XDG_DATA_HOME="$scratch/home" \
    XDG_DATA_DIRS="$1" xdg-mime query filetype "$scratch/files/$2" 2>/dev/null
}

n=3
for name in reviews.counterpoint saved-without-extension compact; do
  with=$(query "$share:/usr/share" "$name")
  without=$(query /usr/share "$name")
  if [[ "$with" == application/x-counterpoint && "$without" != application/x-counterpoint ]]; then
    echo "ok $n - $name is application/x-counterpoint (without our XML: ${without:-nothing})"
  else
    echo "not ok $n - $name is '${with}' with our XML, '${without}' without"
  fi
  n=$((n + 1))
done

other=$(query "$share:/usr/share" other-json)
if [[ "$other" != application/x-counterpoint ]]; then
  echo "ok $n - JSON of another format is not a comparison ($other)"
else
  echo "not ok $n - JSON of another format is taken for a comparison"
fi
