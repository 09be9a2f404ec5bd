#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The bash completion of counterpoint-cli, sourced into bash with
# bash-completion as an interactive shell loads it, asked about command
# lines as a user's Tab would ask; and its lists held against the program
# itself: the commands and options its --help prints, and the values of
# --format and --paper that its error messages say it takes.
# Usage: test-completion.sh COMPLETION-FILE COUNTERPOINT-CLI
set -uo pipefail
completion=$1
cli=$2
export LC_ALL=C.UTF-8 LANGUAGE=''

bash_completion=/usr/share/bash-completion/bash_completion
if [[ ! -r $bash_completion ]]; then
  echo "1..1"
  echo "not ok 1 - $bash_completion is missing: install the Debian package bash-completion (build-aux/install-deps does)"
  exit 1
fi
# shellcheck disable=SC1090
source "$bash_completion"
# shellcheck disable=SC1090
source "$completion"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

n=0
failed=0
ok ()
{
  n=$((n + 1))
  echo "ok $n - $1"
}
not_ok ()
{
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
}

# Completes LINE (the cursor at its end) as bash would: the words split at
# blanks and at “=”, which is in COMP_WORDBREAKS. Prints COMPREPLY sorted,
# one per line.
complete_line ()
{
  local line=$1 word
  local -a words=()
  for word in $line; do
    while [[ $word == *=* ]]; do
      words+=("${word%%=*}" "=")
      word=${word#*=}
    done
    [[ -n $word ]] && words+=("$word")
  done
  [[ $line == *" " || $line == *= ]] && words+=("")
  COMP_LINE=$line
  COMP_POINT=${#line}
  COMP_WORDS=("${words[@]}")
  COMP_CWORD=$((${#words[@]} - 1))
  COMPREPLY=()
  _counterpoint_cli counterpoint-cli "${words[COMP_CWORD]}" "${words[COMP_CWORD - 1]}"
  ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}

# Compares what LINE completes to with the WANTED words
check ()
{
  local line=$1 want got
  shift
  want=$(printf '%s\n' "$@" | LC_ALL=C sort)
  got=$(cd "$scratch/files" && complete_line "$line")
  if [[ $got == "$want" ]]; then
    ok "“$line” completes to: $(echo $got)"
  else
    not_ok "“$line” completes to “$(echo $got)”, not “$(echo $want)”"
  fi
}

mkdir -p "$scratch/files/reviews"
touch "$scratch/files/mine.topics" "$scratch/files/review one.txt" "$scratch/files/page.html" \
  "$scratch/files/sheet.pdf"

echo "1..17"
check "counterpoint-cli " help sheet tag text themes
check "counterpoint-cli t" tag text themes
check "counterpoint-cli --" --help --version
check "counterpoint-cli tag --" --format --help --topics
check "counterpoint-cli tag --f" --format=
check "counterpoint-cli tag --format " json jsonl tsv
check "counterpoint-cli tag -f js" json jsonl
check "counterpoint-cli tag --format=j" json jsonl
check "counterpoint-cli sheet --paper " a4 letter
check "counterpoint-cli help th" themes
# Files: the topics option offers .topics files and folders, a review any file
check "counterpoint-cli tag -t " mine.topics reviews
check "counterpoint-cli themes --topics=" mine.topics reviews
check "counterpoint-cli sheet -o " page.html reviews sheet.pdf
check "counterpoint-cli tag --format tsv rev" "review one.txt" reviews

# No drift: the commands, each command's options and the values
help=$("$cli" --help)
help_commands=$(sed -n '/^Commands:/,/^$/p' <<<"$help" | awk 'NF && !/:$/ { print $1 }')
completed=$(complete_line "counterpoint-cli " | grep -vx help)
if [[ -n $help_commands && $completed == "$(sort <<<"$help_commands")" ]]; then
  ok "the commands are those of --help: $(echo $help_commands)"
else
  not_ok "the completion's commands “$(echo $completed)” are not those of --help “$(echo $help_commands)”"
fi

long_options ()
{
  grep -o -- '--[a-z][a-z-]*' | LC_ALL=C sort -u
}
drift=""
for command in "" $help_commands; do
  if [[ -z $command ]]; then
    from_help=$(sed -n '/^Options:/,$p' <<<"$help" | grep '^  -' | long_options)
  else
    from_help=$("$cli" "$command" --help | grep '^  -' | long_options)
  fi
  from_completion=$(complete_line "counterpoint-cli ${command:+$command }--" | sed 's/=$//')
  if [[ -z $from_help || $from_help != "$from_completion" ]]; then
    drift+=" ${command:-(no command)}: --help has “$(echo $from_help)”, the completion “$(echo $from_completion)”;"
  fi
done
if [[ -z $drift ]]; then
  ok "every command's options are those of its --help"
else
  not_ok "options differ:$drift"
fi

# The values the program takes, from its message for one it does not:
# “Unknown format “x”; use json, jsonl or tsv”
accepted ()
{
  "$cli" "$@" 2>&1 >/dev/null | sed -n 's/.*; use \(.*\)$/\1/p' | sed 's/, / /g; s/ or / /' | tr ' ' '\n' | LC_ALL=C sort
}
drift=""
for command in $help_commands; do
  if [[ $command == sheet ]]; then
    from_program=$(accepted sheet -o out.pdf --format=bogus x)
  else
    from_program=$(accepted "$command" --format=bogus x)
  fi
  from_completion=$(complete_line "counterpoint-cli $command --format ")
  if [[ -z $from_program || $from_program != "$from_completion" ]]; then
    drift+=" $command: the program takes “$(echo $from_program)”, the completion offers “$(echo $from_completion)”;"
  fi
done
from_program=$(accepted sheet -o out.pdf --paper=bogus x)
from_completion=$(complete_line "counterpoint-cli sheet -p ")
if [[ -z $from_program || $from_program != "$from_completion" ]]; then
  drift+=" sheet --paper: the program takes “$(echo $from_program)”, the completion offers “$(echo $from_completion)”;"
fi
if [[ -z $drift ]]; then
  ok "the --format and --paper values are those the program takes"
else
  not_ok "values differ:$drift"
fi
[[ $n == 17 ]] || { echo "not ok $((n + 1)) - ran $n checks, planned 17"; failed=1; }
exit $failed
