#!/bin/sh
# Regenerates the README's tour: runs each command in a scratch folder and prints it with its output.
# Usage: sh docs/tour.sh > /tmp/tour.txt   (from the repository root, after make install)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KG="$ROOT/.venv/bin/kg"
WORK=$(mktemp -d)
cd "$WORK" || exit 1
mkdir -p examples && cp -r "$ROOT/examples/articles" examples/
alias_kg() { sed 's#^kg #"$KG" #; s#| kg #| "$KG" #g; s#&& kg #\&\& "$KG" #g'; }
while IFS= read -r line; do
  [ -z "$line" ] && continue
  printf '$ %s\n' "$line"
  cmd=$(printf '%s' "$line" | alias_kg)
  KG="$KG" sh -c "$cmd" 2>&1
done <<'TOUR'
kg ingest examples/articles
kg stats | head -6
kg query --list
kg query actors-by-articles --format tsv | head -8
kg query commitments
kg query quotes-by-actor --param actor=Peskov --format csv
kg query attacks-between --param category=OilRefinery --param from=2025-03-01 --param to=2025-12-31 --format tsv
kg query attacks-between --param category=OilRefinery --param from=2025-02-30 --param to=2025-12-31
kg query quotes-by-actor
kg query quotes --format turtle
echo 'SELECT (COUNT(DISTINCT ?s) AS ?statements) WHERE { ?s a <https://w3id.org/conflict-kg/ontology#Statement> }' | kg query - --format csv
kg analyze --top 6
kg analyze path "Donald Trump" "Putin"
kg graph --around "Putn" -o out/putin.html
kg graph --query quotes-by-actor --param actor=Peskov -o out/peskov.html
kg graph --max-nodes 50 -o out/top50.html
kg export -o out/graph.nq && kg import out/graph.nq --store copy-store
kg export -o out/graph.ttl && kg import out/graph.ttl --store copy-store
kg export --format turtle -o out/graph.nq
kg export --owl -o out/for-protege.ttl && sed -n '20,28p' out/for-protege.ttl
kg export -o out/graph.graphml --articles
kg export --format csv -o out/tables && head -3 out/tables/nodes.csv | cut -c1-160
kg validate --no-reasoner --report out/shacl-report.ttl
kg validate --no-reasoner --json | head -8
TOUR
rm -rf "$WORK"
