#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian packaging kept in step with the project: every build
# dependency in build-aux/debian/control is in build-aux/install-deps's
# lists (so build-aux/make-deb installs it), with the version meson.build
# asks for where it asks; the changelog's newest entry is not newer than
# the project's version (build-aux/make-deb adds an entry for a newer
# one); the packaging files are in place.
# Usage: test-debian.sh SOURCE_ROOT PROJECT_VERSION
set -uo pipefail
root=$1
version=$2
debian=$root/build-aux/debian
failed=0
n=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

echo "1..4"
missing=""
for file in control rules changelog copyright source/format counterpoint.lintian-overrides; do
  [[ -f $debian/$file ]] || missing+=" $file"
done
[[ -x $debian/rules ]] || missing+=" (rules is not executable)"
if [[ -z $missing ]] && grep -q '^	dh \$@ --buildsystem=meson$' "$debian/rules"; then
  ok "build-aux/debian has control, rules (dh with meson), changelog, copyright, source/format"
else
  not_ok "build-aux/debian lacks:$missing"
fi

# Build-Depends, one per line after the field name
build_depends=$(sed -n '/^Build-Depends:/,/^[A-Z]/p' "$debian/control" | sed '$d' |
  sed 's/^Build-Depends://; s/,/\n/g' | sed 's/^ *//; s/ *$//' | grep -v '^$')
listed=$(sed -n '/^packages=(/,/^)/p; /^deb_packages=(/,/^)/p' "$root/build-aux/install-deps" |
  grep -v '^ *#' | tr ' ' '\n' | grep -v '^\(packages\|deb_packages\)=(\|^)$\|^$')
missing=""
for dep in $(sed 's/ .*//' <<<"$build_depends"); do
  [[ $dep == debhelper-compat ]] && continue
  grep -qx -- "$dep" <<<"$listed" || missing+=" $dep"
done
if [[ -z $missing ]]; then
  ok "every build dependency is in build-aux/install-deps: $(sed 's/ .*//' <<<"$build_depends" | tr '\n' ' ')"
else
  not_ok "build dependencies missing from build-aux/install-deps:$missing"
fi

# The versions meson.build asks for, as the control file has them
wrong=""
for pair in 'glib-2.0:libglib2.0-dev' 'json-glib-1.0:libjson-glib-dev' 'gtk4:libgtk-4-dev' \
            'pangocairo:libpango1.0-dev' 'libxml-2.0:libxml2-dev' 'poppler-glib:libpoppler-glib-dev' \
            'libarchive:libarchive-dev'; do
  module=${pair%%:*}
  package=${pair##*:}
  if [[ $module == glib-2.0 ]]; then
    wanted=$(sed -n "s/^glib_req = '>= \([0-9.]*\)'/\1/p" "$root/meson.build")
  else
    wanted=$(grep -o "dependency('$module', version: '>= [0-9.]*'" "$root/meson.build" | grep -o '[0-9.]*.$' | tr -d "'")
  fi
  have=$(grep -x -- "$package (>= [0-9.]*)" <<<"$build_depends" | grep -o '[0-9.]*)$' | tr -d ')')
  [[ -n $wanted && $have == "$wanted" ]] || wrong+=" $package (meson.build: $module >= ${wanted:-?}, control: ${have:-none})"
done
if [[ -z $wrong ]]; then
  ok "the control file asks for the versions meson.build asks for"
else
  not_ok "versions differ:$wrong"
fi

newest=$(sed -n '1s/^counterpoint (\([^)]*\)).*/\1/p' "$debian/changelog")
if [[ -z $newest ]]; then
  not_ok "the changelog's first line names no counterpoint version"
elif dpkg --compare-versions "$newest" le "$version" 2>/dev/null ||
     [[ $(printf '%s\n%s\n' "$newest" "$version" | sort -V | tail -1) == "$version" ]]; then
  ok "the changelog's newest entry, $newest, is not newer than meson.build's $version"
else
  not_ok "the changelog's newest entry, $newest, is newer than meson.build's $version"
fi
exit $failed
