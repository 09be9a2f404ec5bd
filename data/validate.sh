#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates the built desktop or metainfo file and fails on anything the
# validator says, not only on what it counts as an error (both exit 0 on
# warnings, hints and infos).
#
#   validate.sh desktop DESKTOP-FILE-VALIDATE FILE
#   validate.sh metainfo APPSTREAMCLI FILE
#
# The metainfo file may draw two remarks and no other:
#   cid-contains-uppercase-letter: the app ID keeps the project's casing,
#     as GNOME's own IDs do (it is the D-Bus name and the icon's name);
#   unknown-tag developer: <developer id="…">, which AppStream 1.0
#     brought in place of <developer_name>, is unknown to AppStream 0.16
#     (Debian 12), which reads it as a custom tag.
set -u
kind=$1
program=$2
file=$3

case $kind in
  desktop)
    output=$("$program" "$file" 2>&1)
    status=$?
    unexpected=$output
    ;;
  metainfo)
    output=$("$program" validate --pedantic --no-net --no-color "$file" 2>&1)
    status=$?
    # An issue is a line "S: ID:LINE: TAG [HINT]" with S in E, W, I, P;
    # its explanation follows indented
    unexpected=$(printf '%s\n' "$output" \
      | grep -E '^[EWIP]: ' \
      | grep -v -E '^P: [^ ]+:[0-9]+: cid-contains-uppercase-letter$' \
      | grep -v -E '^I: [^ ]+:[0-9]+: unknown-tag developer$')
    # The summary line must be there: no summary, no validation
    if ! printf '%s\n' "$output" | grep -q 'Validation was successful'; then
      unexpected="${unexpected}
no 'Validation was successful' in the validator's output"
    fi
    ;;
  *)
    echo "unknown kind $kind" >&2
    exit 2
    ;;
esac

printf '%s\n' "$output"
if [ "$status" -ne 0 ] || [ -n "$unexpected" ]; then
  echo "$file is not clean (exit status $status):" >&2
  printf '%s\n' "$unexpected" >&2
  exit 1
fi
exit 0
