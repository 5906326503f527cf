"""The review's taxonomy: facets, values and synonyms read from YAML, and the phrase matcher."""

from litreview.taxonomy.facets import Facet, Taxonomy, Value, load_taxonomy
from litreview.taxonomy.matching import Match, fold, synonym_pattern

__all__ = ["Facet", "Match", "Taxonomy", "Value", "fold", "load_taxonomy", "synonym_pattern"]
