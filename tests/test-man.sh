#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The man pages: each formatted by man and groff with every warning on
# (none allowed); installed with the build into a scratch folder, where man
# finds them through MANPATH, beside the bash completion; and held against
# the programs: every command and option that counterpoint-cli's --help
# and each command's --help print is in counterpoint-cli(1) under that
# command, with the same short option and argument name, and nothing more;
# every option of counterpoint --help is in counterpoint(1).
# Usage: test-man.sh MESON BUILDDIR MANDIR DATADIR COUNTERPOINT-CLI COUNTERPOINT [PAGE...]
# (MANDIR and DATADIR absolute; PAGE: the built counterpoint.1 and
# counterpoint-cli.1, none when they were not built.)
set -uo pipefail
meson=$1
builddir=$2
mandir=$3
datadir=$4
cli=$5
app=$6
shift 6
export LC_ALL=C.UTF-8 LANGUAGE='' MANWIDTH=200 MANPAGER=cat PAGER=cat

echo "1..8"
for tool in man:man-db groff:groff-base; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    echo "not ok 1 - ${tool%%:*} is missing: install the Debian package ${tool##*:} (build-aux/install-deps does)"
    exit 1
  fi
done
page_app="" page_cli=""
for page in "$@"; do
  case ${page##*/} in
    counterpoint.1) page_app=$page ;;
    counterpoint-cli.1) page_cli=$page ;;
  esac
done
if [[ -z $page_app || -z $page_cli ]]; then
  echo "not ok 1 - the man pages were not built: install the Debian package scdoc (build-aux/install-deps does) and configure again, or -Dman=enabled to be told"
  exit 1
fi

failed=0
n=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# 1, 2: formatted without a warning, every @VARIABLE@ replaced
for page in "$page_app" "$page_cli"; do
  name=${page##*/}
  man --warnings=all -E UTF-8 -l "$page" >"$scratch/out" 2>"$scratch/man.log"
  groff -man -Tutf8 -ww -z "$page" 2>"$scratch/groff.log"
  if [[ -s $scratch/man.log || -s $scratch/groff.log ]]; then
    not_ok "$name: warnings"
    sed 's/^/# /' "$scratch/man.log" "$scratch/groff.log"
  elif grep -q '@[A-Z_]*@' "$page"; then
    not_ok "$name: $(grep -o '@[A-Z_]*@' "$page" | sort -u | tr '\n' ' ')left unreplaced"
  elif ! grep -q "^$name\b" "$scratch/out" && ! head -1 "$scratch/out" | grep -q "${name%.1}(1)"; then
    not_ok "$name: no header naming it"
  else
    ok "$name formats without a warning ($(wc -l <"$scratch/out") lines)"
  fi
done

# 3: installed where man and bash-completion look
if ! "$meson" install -C "$builddir" --no-rebuild --quiet --destdir "$scratch/root" >"$scratch/install.log" 2>&1; then
  not_ok "meson install into $scratch/root failed"
  sed 's/^/# /' "$scratch/install.log"
  exit 1
fi
missing=""
for file in "$mandir/man1/counterpoint.1" "$mandir/man1/counterpoint-cli.1" \
            "$datadir/bash-completion/completions/counterpoint-cli"; do
  [[ -f $scratch/root$file ]] || missing+=" $file"
done
if [[ -z $missing ]]; then
  ok "installed $mandir/man1/counterpoint.1, counterpoint-cli.1 and the bash completion"
else
  not_ok "not installed:$missing"
fi

# 4: man finds and shows them from there
found=$(MANPATH="$scratch/root$mandir" man -w counterpoint-cli 2>&1)
shown=$(MANPATH="$scratch/root$mandir" man counterpoint-cli 2>&1)
if [[ $found == "$scratch/root$mandir/man1/counterpoint-cli.1" ]] &&
   grep -q "counterpoint-cli - find shared topics" <<<"$shown" &&
   MANPATH="$scratch/root$mandir" man counterpoint 2>&1 | grep -q "^       counterpoint - read several reviews"; then
  ok "man counterpoint-cli and man counterpoint show the installed pages"
else
  not_ok "man -w counterpoint-cli with MANPATH=$scratch/root$mandir: $found"
  head -5 <<<"$shown" | sed 's/^/# /'
fi

# The option lines of a --help, as “-t, --topics=FILE”
help_options ()
{
  grep '^  -' | sed 's/^ *//; s/  .*//' | LC_ALL=C sort
}
# The option lines of the section SECTION of the rendered page, its
# subsection SUBSECTION (empty: before the first subsection)
man_options ()
{
  awk -v section="$2" -v subsection="$3" '
    /^[A-Z][A-Z ]*$/ { in_section = ($0 == section); current = ""; next }
    /^   [^ ]/ { sub(/^ +/, ""); current = $0; next }
    in_section && current == subsection && /^       -/ { sub(/^ +/, ""); print }
  ' "$1" | LC_ALL=C sort
}

man -l "$page_cli" >"$scratch/cli.txt" 2>/dev/null
man -l "$page_app" >"$scratch/app.txt" 2>/dev/null

# 5: the commands
help=$("$cli" --help)
commands=$(sed -n '/^Commands:/,/^$/p' <<<"$help" | awk 'NF && !/:$/ { print $1 }')
missing=""
for command in $commands help; do
  grep -q "^       $command\b" <(sed -n '/^COMMANDS$/,/^[A-Z]/p' "$scratch/cli.txt") || missing+=" $command"
  grep -q "^   $command$" <(sed -n '/^OPTIONS$/,/^[A-Z]/p' "$scratch/cli.txt") || [[ $command == help ]] || missing+=" $command (options)"
  grep -q "^       counterpoint-cli $command\b" <(sed -n '/^SYNOPSIS$/,/^[A-Z]/p' "$scratch/cli.txt") || missing+=" $command (synopsis)"
done
if [[ -n $commands && -z $missing ]]; then
  ok "counterpoint-cli(1) describes every command: $(echo $commands) help"
else
  not_ok "counterpoint-cli(1) lacks:$missing"
fi

# 6: each command's options, both ways, as --help spells them (every
# command's -h, --help is said once, before them)
drift=""
for command in "" $commands; do
  if [[ -z $command ]]; then
    from_help=$(sed -n '/^Options:/,$p' <<<"$help" | help_options)
  else
    from_help=$("$cli" "$command" --help | help_options | grep -vx -- '-h, --help')
  fi
  from_man=$(man_options "$scratch/cli.txt" OPTIONS "$command")
  if [[ -z $from_help || $from_help != "$from_man" ]]; then
    drift+="$(printf '\n# %s: --help: %s\n#     man: %s' "${command:-(before the command)}" "$(paste -sd ';' <<<"$from_help")" "$(paste -sd ';' <<<"$from_man")")"
  fi
done
if [[ -z $drift ]]; then
  ok "counterpoint-cli(1) has each command's options as its --help has them, and no others"
else
  not_ok "counterpoint-cli(1) and --help differ:$drift"
fi

# 7: the app's options
missing=""
app_help=$("$app" --help 2>&1)
app_options=$(grep '^  -' <<<"$app_help" | grep -o -- '--[a-z][a-z-]*')
man_app_options=$(man_options "$scratch/app.txt" OPTIONS "" | grep -o -- '--[a-z][a-z-]*')
for option in $app_options; do
  grep -qx -- "$option" <<<"$man_app_options" || missing+=" $option"
done
if [[ -n $app_options && -z $missing ]]; then
  ok "counterpoint(1) has every option of counterpoint --help: $(echo $app_options)"
else
  not_ok "counterpoint(1) lacks:${missing:- (counterpoint --help printed no options: $app_help)}"
fi

# 8: the version the programs print is the pages'
version=$("$cli" --version | awk '{ print $2 }')
if [[ -n $version ]] && tail -1 "$scratch/cli.txt" | grep -q "^Counterpoint $version " &&
   tail -1 "$scratch/app.txt" | grep -q "^Counterpoint $version "; then
  ok "both pages are of version $version"
else
  not_ok "the pages' footers “$(tail -1 "$scratch/cli.txt")” do not name version ${version:-?}"
fi
exit $failed
