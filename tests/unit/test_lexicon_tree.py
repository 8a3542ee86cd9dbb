"""The SKOS lexicon shows a tree in SKOS browsers: schemes with top concepts and definitions, every entry
under a group of its scheme; and the groups are invisible to the extractor."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import SKOS

from kg import resources
from kg.extract.resources import load_lexicon
from kg.vocab import LEX


def lexicon() -> Graph:
    return Graph().parse(resources.lexicon_file(), format="turtle")


def test_schemes_have_top_concepts_both_ways_and_definitions():
    g = lexicon()
    for scheme in (LEX.actors, LEX.targets):
        tops = set(g.objects(scheme, SKOS.hasTopConcept))
        assert tops and tops == set(g.subjects(SKOS.topConceptOf, scheme))
        assert g.value(scheme, SKOS.definition) is not None
        assert all(g.value(t, SKOS.definition) is not None and g.value(t, SKOS.prefLabel) for t in tops)


def test_every_entry_hangs_under_a_top_concept_of_its_own_scheme():
    g = lexicon()
    missing = []
    for entry in sorted(set(g.subjects(SKOS.inScheme, None))):
        scheme = g.value(entry, SKOS.inScheme)
        parents = set(g.objects(entry, SKOS.broader))
        if not parents or not all((p, SKOS.topConceptOf, scheme) in g for p in parents):
            missing.append(str(entry).rsplit("#", 1)[-1])
    assert not missing, f"add 'lex:X skos:broader lex:group-...' for: {', '.join(missing)}"


def test_groups_are_not_extractor_entries():
    slugs = {e.slug for e in load_lexicon()}
    assert slugs and not any(s.startswith("group-") for s in slugs)
