"""Supply flows: who sends which good to whom (and through where), read from the dependency parse.

The package is split by concern: :mod:`.lexicon` reads the trigger and cue words (one loader, which binds
them to the ontology's supply roles; the pipeline injects the result), :mod:`.gate` says which sentences
need a dependency parse, :mod:`.tree` holds the parse-tree helpers, :mod:`.roles` fills a frame's roles,
:mod:`.status` reads a flow's status, and :mod:`.frames` reads the frames from the parse and emits the
flows (see its docstring for the role table).
"""

from ingest.extract.supply.frames import GOODS_PHRASE_EXTRACTOR, SUPPLY_EXTRACTOR, RuleSupplyExtractor, extract_supply
from ingest.extract.supply.gate import ParseGate
from ingest.extract.supply.lexicon import (
    LEXICON_PATH,
    Direction,
    SupplyLexicon,
    load_supply_lexicon,
    read_supply_lexicon,
)

__all__ = ["GOODS_PHRASE_EXTRACTOR", "LEXICON_PATH", "SUPPLY_EXTRACTOR", "Direction", "ParseGate",
           "RuleSupplyExtractor", "SupplyLexicon", "extract_supply", "load_supply_lexicon", "read_supply_lexicon"]
