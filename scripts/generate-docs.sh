#!/usr/bin/env bash
# Regenerates man/ and completions/ from the programs' argument definitions, so that --help, the
# man pages and the completion scripts come from one definition. Tests/CLITests/DocumentationTests
# fail when the committed files go stale. The date is fixed so pages change only with the options.
set -euo pipefail
cd "$(dirname "$0")/.."
PROGRAMS=(tokenize vocab bleu embed-train embed-query debias lm-train sample)
DATE=2026-11-21
swift build
bin=$(swift build --show-bin-path)
# The generate-manual tool comes with swift-argument-parser's plugin; asking the plugin for its
# help builds the tool without writing anything.
swift package --allow-writing-to-package-directory generate-manual --configuration debug --help >/dev/null
tool=$bin/generate-manual-tool
rm -f man/*.1
for p in "${PROGRAMS[@]}"; do
  "$tool" "$bin/$p" --multi-page --date "$DATE" --output-directory man
  rm -f "man/$p.help.1"   # argument-parser's implicit help subcommand needs no page
  "$bin/$p" --generate-completion-script bash > "completions/bash/$p"
  "$bin/$p" --generate-completion-script zsh > "completions/zsh/_$p"
  "$bin/$p" --generate-completion-script fish > "completions/fish/$p.fish"
done
ls man completions/*
