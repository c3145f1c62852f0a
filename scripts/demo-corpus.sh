#!/usr/bin/env bash
# Writes a synthetic English corpus of N sentences (default 20000) to standard output, generated
# from a small grammar with a fixed seed: the project ships no third-party text, so its demo and
# smoke tests run on text of their own. The random generator is a Lehmer generator written out in
# awk, so every awk gives the same text.
#   usage: scripts/demo-corpus.sh [N] [SEED]
set -euo pipefail
N=${1:-20000}
SEED=${2:-12345}
awk -v n="$N" -v seed="$SEED" '
function rnd(k) { state = (state * 48271) % 2147483647; return int(state / 2147483647 * k) }
function pick(list,   parts, c) { c = split(list, parts, "|"); return parts[rnd(c) + 1] }
BEGIN {
  state = seed % 2147483647; if (state <= 0) state = 1
  royals = "king|queen|prince|princess|duke|duchess"
  people = "man|woman|boy|girl|father|mother|brother|sister|uncle|aunt"
  places = "Paris|Berlin|Madrid|Rome|Tokyo|Lisbon|Vienna|Athens"
  verbs  = "sees|follows|greets|helps|visits|thanks|remembers|calls"
  adjs   = "old|young|wise|brave|quiet|happy|tired|clever"
  things = "book|letter|garden|castle|river|bridge|song|map"
  calls  = "Oh|Ah|Well|Look|Listen|Hush"
  for (i = 0; i < n; i++) {
    form = rnd(8)
    if (form == 0)      s = "The " pick(adjs) " " pick(royals) " " pick(verbs) " the " pick(people) " in " pick(places) "."
    else if (form == 1) s = "A " pick(people) " " pick(verbs) " a " pick(adjs) " " pick(royals) ", and the " pick(royals) " smiles."
    else if (form == 2) s = "Doesn'"'"'t the " pick(people) " know the " pick(things) " costs " (rnd(900) + 100) "." rnd(10) rnd(10) " euros?"
    else if (form == 3) s = "In " (1900 + rnd(120)) ", " (rnd(9) + 1) "," (100 + rnd(900)) " people read the " pick(things) " about " pick(places) "."
    else if (form == 4) s = "See https://example.org/" pick(things) "s/" rnd(1000) " or write to " pick(people) "@example.org (" pick(adjs) " " pick(things) ")."
    else if (form == 5) s = "\"" pick(calls) ",\" said the " pick(royals) "; the " pick(people) "'"'"'s " pick(things) " is " pick(adjs) "!"
    else if (form == 6) s = "The " pick(royals) " and the " pick(people) " walk from " pick(places) " to " pick(places) " along the " pick(things) "."
    else                s = "Every " pick(adjs) " " pick(people) " " pick(verbs) " a " pick(things) "; no " pick(royals) " " pick(verbs) " it."
    print s
  }
}'
