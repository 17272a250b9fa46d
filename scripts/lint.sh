#!/usr/bin/env bash
# One lint check (CTest's lint.*): a tool run on every file of its language that git knows of,
# committed or new (untracked but not ignored, so a new file is checked before its first commit).
# Fails on any finding; runs offline once the tools are installed.
#   scripts/lint.sh clang-format   C++ (.cpp, .h) as .clang-format wants it  (install-deps.sh --test)
#   scripts/lint.sh eslint         JavaScript (.js, .mjs) by eslint.config.js (web-deps.sh: node_modules/)
#   scripts/lint.sh flake8         Python (.py) by .flake8                    (install-deps.sh --test)
# Exit 77 (CTest: skipped) outside a git work tree, where there is no list of the project's files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tool="${1:?usage: scripts/lint.sh clang-format|eslint|flake8}"

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "lint: $root is not a git work tree; nothing to list the files by" >&2
  exit 77
fi

# NUL-separated names of the project's files matching the patterns, vendored npm packages left out;
# a file deleted but not yet staged is skipped.
project_files() {
  git ls-files -z --cached --others --exclude-standard -- "$@" |
    while IFS= read -r -d '' f; do
      [[ "$f" == *node_modules/* || ! -f "$f" ]] || printf '%s\0' "$f"
    done
}

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "lint: $1 is not installed ($2)" >&2; exit 1; }
}

case "$tool" in
  clang-format)
    # One version: another clang-format formats some constructs differently.
    need clang-format-14 "scripts/install-deps.sh --test"
    if ! project_files '*.cpp' '*.h' | xargs -0 -r -n 50 -P "$(nproc)" clang-format-14 --dry-run --Werror; then
      echo "lint: C++ not as .clang-format wants it; fix with: clang-format-14 -i FILE..." >&2
      exit 1
    fi
    ;;
  eslint)
    need node "scripts/install-deps.sh"
    eslint="$root/node_modules/.bin/eslint"
    [[ -x "$eslint" ]] || { echo "lint: ESLint is not installed (scripts/web-deps.sh .)" >&2; exit 1; }
    project_files '*.js' '*.mjs' '*.cjs' | xargs -0 -r "$eslint" --max-warnings 0
    ;;
  flake8)
    need flake8 "scripts/install-deps.sh --test"
    project_files '*.py' | xargs -0 -r flake8
    ;;
  *)
    echo "lint: unknown check '$tool' (clang-format, eslint or flake8)" >&2
    exit 2
    ;;
esac
