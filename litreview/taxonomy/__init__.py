"""The review's taxonomy: facets, values and synonyms read from YAML, and the phrase matcher."""

from litreview.taxonomy.facets import Facet, Labels, Taxonomy, Value, labels_of, load_taxonomy
from litreview.taxonomy.matching import Match, fold, synonym_pattern

__all__ = [
    "Facet",
    "Labels",
    "Match",
    "Taxonomy",
    "Value",
    "fold",
    "labels_of",
    "load_taxonomy",
    "synonym_pattern",
]
