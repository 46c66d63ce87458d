"""tradetrace: a sourced knowledge graph of entities, goods, supply relations and claims from news."""

__version__ = "0.1.0"
