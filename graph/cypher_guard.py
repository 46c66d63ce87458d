"""What a user's Cypher may do: graph reads, and with ``allow_writes`` graph writes, never anything else.

The embedded engine's read-only flag guards the graph only: a read-only connection still runs
``COPY (...) TO '/any/file'``, ``LOAD FROM '/etc/passwd' ... RETURN *``, ``LOAD EXTENSION`` (native
code) and ``INSTALL`` (a download). So a user's text is classified here before it reaches the engine.

The decision is an allow-list, made on tokens rather than on the raw text:

1. :func:`tokenize` reads the text as the engine's lexer does: single- and double-quoted strings
   with backslash escapes, backtick identifiers (a doubled backtick inside is one backtick), ``//``
   and ``/* */`` comments, ``$parameters``, numbers, words and punctuation. A keyword inside a string,
   a comment or backticks is no keyword, so it neither blocks nor sneaks through; an unterminated
   string, identifier or comment is refused.
2. :func:`split_statements` cuts the tokens at every ``;`` (one outside strings and comments is
   always a statement end in this dialect).
3. Each statement must start with a read clause (:data:`READ_STARTS`, or :data:`WRITE_STARTS` with
   ``allow_writes``), and every bare word that is one of the engine's keywords (:data:`ENGINE_KEYWORDS`,
   the lexer's list) must be allowed (:data:`READ_KEYWORDS`, plus :data:`WRITE_KEYWORDS` with
   ``allow_writes``). A word after ``.`` (a property) or ``:`` (a label, a map key's value side is
   an expression and is checked) is a name, not a keyword. Words that are no keyword of the engine
   are variables or function names, which cannot start a clause. So ``COPY``, ``LOAD``, ``INSTALL``,
   ``UNINSTALL``, ``EXPORT``, ``IMPORT``, ``ATTACH``, ``DETACH DATABASE``, ``USE``, ``CHECKPOINT``,
   ``BEGIN``/``COMMIT``/``ROLLBACK``, DDL (``CREATE NODE TABLE``, ``DROP``, ``ALTER``) and any keyword
   a later engine adds are refused, with or without ``allow_writes``.
4. ``CALL`` must name a procedure of :data:`READ_PROCEDURES` followed by ``(``: the standalone
   ``CALL setting=value`` form, and every procedure not listed (they may clear warnings, touch
   files or the network, or change settings), are refused.

The classifier refuses some valid reads: a variable spelled like a keyword (``MATCH (copy) ...``)
must be backtick-quoted. That is the price of an allow-list.

Examples
--------
>>> [s.text for s in check_query("MATCH (n) RETURN n.name AS `copy`; RETURN 'LOAD FROM x'")]
['MATCH (n) RETURN n.name AS `copy`', "RETURN 'LOAD FROM x'"]
>>> check_query("COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'")
Traceback (most recent call last):
...
ontology.errors.RefusedQuery: statement 1: COPY is not allowed: only graph reads without --write
>>> check_query("MATCH (n) SET n.name = 'x'")
Traceback (most recent call last):
...
ontology.errors.RefusedQuery: statement 1: SET is not allowed: only graph reads without --write
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ontology.errors import RefusedQuery

__all__ = [
    "ENGINE_KEYWORDS",
    "READ_KEYWORDS",
    "READ_PROCEDURES",
    "READ_STARTS",
    "WRITE_KEYWORDS",
    "WRITE_STARTS",
    "Statement",
    "Token",
    "check_query",
    "split_statements",
    "tokenize",
]

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TokenKind = Literal["word", "quoted", "string", "param", "number", "punct"]

#: The engine's keywords: the lexer's list of LadybugDB 0.20-0.22 (``src/antlr4/keywords.txt``), plus
#: the clause words its grammar spells out without listing them there.
ENGINE_KEYWORDS = _words("""
ACYCLIC ANY ADD ALL ALTER ANALYZE AND AS ASC ASCENDING ATTACH BEGIN BY CALL CASE CAST CHECKPOINT COLUMN
COMMENT COMMIT COMMIT_SKIP_CHECKPOINT CONTAINS COPY COUNT CREATE CSR CYCLE DATABASE DBTYPE DEFAULT DELETE
DESC DESCENDING DETACH DISTINCT DROP ELSE END ENDS EXISTS EXPLAIN EXPORT EXTENSION FALSE FROM FORCE FOR
GLOB GRAPH GROUP HASH HEADERS HINT IMPORT INDEX IF IN INCREMENT INSTALL IS JOIN KEY LIMIT LIST LOAD LOGICAL
MACRO MATCH MAXVALUE MERGE MINVALUE MULTI_JOIN NO NODE NOT NONE NULL ON ONLY OPTIONS OPTIONAL OR ORDER
PRIMARY PROFILE PROJECT RANGE READ REL RENAME RETURN ROLLBACK ROLLBACK_SKIP_CHECKPOINT SEQUENCE SET
SORTED SHORTEST START STARTS STRUCT TABLE THEN TO TRAIL TRANSACTION TRUE TYPE UNION UNWIND UNINSTALL
UPDATE USE WHEN WHERE WITH WRITE WSHORTEST XOR SINGLE YIELD USER PARTITION PARTITIONS PASSWORD ROLE MAP
FOREACH REMOVE SKIP
""")

#: Keywords a read may use.
READ_KEYWORDS = _words("""
ACYCLIC ALL AND ANY AS ASC ASCENDING BY CALL CASE CAST CONTAINS COUNT DESC DESCENDING DISTINCT ELSE END
ENDS EXISTS FALSE HINT IN IS JOIN LIMIT MATCH MULTI_JOIN NONE NOT NULL OPTIONAL OR ORDER RETURN SHORTEST
SINGLE SKIP STARTS THEN TRAIL TRUE UNION UNWIND WHEN WHERE WITH WSHORTEST XOR YIELD
""")

#: Keywords ``allow_writes`` adds: writes to the graph's nodes and relationships, not to its schema.
WRITE_KEYWORDS = frozenset({"CREATE", "MERGE", "ON", "SET", "DELETE", "DETACH", "REMOVE"})

#: The first word of a read statement.
READ_STARTS = frozenset({"MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CALL"})
#: The first words ``allow_writes`` adds.
WRITE_STARTS = frozenset({"CREATE", "MERGE"})

#: Procedures ``CALL`` may run: each only reads the catalog or the version (no file, network, setting
#: or warning-table change). ``CLEAR_WARNINGS``, ``CURRENT_SETTING`` (settings may hold paths and
#: credentials), the extension procedures and every other one are refused.
READ_PROCEDURES = frozenset({
    "DB_VERSION", "SHOW_TABLES", "TABLE_INFO", "SHOW_CONNECTION", "SHOW_FUNCTIONS", "SHOW_INDEXES",
    "SHOW_SEQUENCES", "SHOW_MACROS", "SHOW_PROJECTED_GRAPHS", "PROJECTED_GRAPH_INFO",
})

_PUNCT_2 = frozenset({"<>", "<=", ">=", "->", "<-", "=~", "+=", "..", "::", "||"})


@dataclass(frozen=True)
class Token:
    """One lexical token: its kind, its text as written, and where it starts in the query."""

    kind: TokenKind
    text: str
    start: int


@dataclass(frozen=True)
class Statement:
    """One statement of a query: its text (without the ``;``), whether it writes to the graph, and the
    names of the ``$parameters`` it uses."""

    text: str
    writes: bool
    params: frozenset[str] = frozenset()


def _scan_quoted(query: str, start: int, quote: str) -> int:
    """The index just past the closing ``quote`` of a string or backtick identifier opened at ``start``."""
    i, n = start + 1, len(query)
    while i < n:
        char = query[i]
        if char == "\\" and quote != "`":
            i += 2
            continue
        if char == quote:
            if quote == "`" and query.startswith("``", i):  # a doubled backtick is one backtick
                i += 2
                continue
            return i + 1
        i += 1
    what = "identifier" if quote == "`" else "string"
    raise RefusedQuery(f"unterminated {what} starting at character {start + 1}")


def tokenize(query: str) -> list[Token]:
    """The tokens of ``query``, comments and whitespace dropped.

    Raises :class:`ontology.errors.RefusedQuery` for an unterminated string, backtick identifier or
    block comment.

    >>> [(t.kind, t.text) for t in tokenize("RETURN 'a;b' /* ; */ AS `x``y` // c")]
    [('word', 'RETURN'), ('string', "'a;b'"), ('word', 'AS'), ('quoted', '`x``y`')]
    """
    tokens: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
        elif query.startswith("//", i):
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
        elif query.startswith("/*", i):
            end = query.find("*/", i + 2)
            if end < 0:
                raise RefusedQuery(f"unterminated comment starting at character {i + 1}")
            i = end + 2
        elif char in "'\"`":
            end = _scan_quoted(query, i, char)
            tokens.append(Token("quoted" if char == "`" else "string", query[i:end], i))
            i = end
        elif char == "$":
            j = i + 1
            while j < n and (query[j].isalnum() or query[j] == "_"):
                j += 1
            tokens.append(Token("param", query[i:j], i))
            i = j
        elif char.isdigit():
            j = i + 1
            while j < n and (query[j].isalnum() or query[j] in "._") and not query.startswith("..", j):
                j += 1
            tokens.append(Token("number", query[i:j], i))
            i = j
        elif char.isalpha() or char == "_":
            j = i + 1
            while j < n and (query[j].isalnum() or query[j] == "_"):
                j += 1
            tokens.append(Token("word", query[i:j], i))
            i = j
        else:
            width = 2 if query[i:i + 2] in _PUNCT_2 else 1
            tokens.append(Token("punct", query[i:i + width], i))
            i += width
    return tokens


def split_statements(query: str) -> list[tuple[str, list[Token]]]:
    """``query`` cut at every ``;`` outside strings and comments: (text, tokens) per non-empty statement.

    >>> [text for text, _ in split_statements("RETURN 1; ; RETURN ';' ;")]
    ['RETURN 1', "RETURN ';'"]
    """
    statements: list[tuple[str, list[Token]]] = []
    current: list[Token] = []
    begin = 0
    for token in tokenize(query):
        if token.kind == "punct" and token.text == ";":
            if current:
                statements.append((query[begin:token.start].strip(), current))
            current, begin = [], token.start + 1
        else:
            if not current:
                begin = token.start
            current.append(token)
    if current:
        statements.append((query[begin:].strip(), current))
    return statements


def _refuse(number: int, what: str, allow_writes: bool) -> RefusedQuery:
    scope = "--write allows graph reads and writes only" if allow_writes else "only graph reads without --write"
    return RefusedQuery(f"statement {number}: {what} is not allowed: {scope}")


def _check_statement(number: int, tokens: list[Token], allow_writes: bool) -> bool:
    """Raise unless the statement is allowed; return whether it writes to the graph."""
    keywords = READ_KEYWORDS | WRITE_KEYWORDS if allow_writes else READ_KEYWORDS
    starts = READ_STARTS | WRITE_STARTS if allow_writes else READ_STARTS
    first = tokens[0]
    if first.kind != "word" or first.text.upper() not in starts:
        what = first.text.upper() if first.kind == "word" else f"a statement starting with {first.text!r}"
        raise _refuse(number, what, allow_writes)
    writes = False
    for index, token in enumerate(tokens):
        if token.kind != "word":
            continue
        before = tokens[index - 1] if index else None
        if before is not None and before.kind == "punct" and before.text in (".", ":"):
            continue  # a property, label or relationship type name
        word = token.text.upper()
        if word not in ENGINE_KEYWORDS:
            continue  # a variable or a function name: neither can start a clause
        if word not in keywords:
            raise _refuse(number, word, allow_writes)
        writes = writes or word in WRITE_KEYWORDS
        if word == "CALL":
            _check_call(number, tokens, index, allow_writes)
    return writes


def _check_call(number: int, tokens: list[Token], index: int, allow_writes: bool) -> None:
    following = tokens[index + 1:index + 3]
    name = following[0].text if following and following[0].kind in ("word", "quoted") else None
    opens = len(following) == 2 and following[1].kind == "punct" and following[1].text == "("
    if name is None or not opens or name.strip("`").upper() not in READ_PROCEDURES:
        shown = f"CALL {name}" if name else "CALL without a procedure"
        raise RefusedQuery(f"statement {number}: {shown} is not allowed (procedures allowed: "
                           f"{', '.join(sorted(p.lower() for p in READ_PROCEDURES))})")


def check_query(query: str, *, allow_writes: bool = False) -> list[Statement]:
    """The statements of ``query`` if every one is allowed; else raise for the first that is not.

    Parameters
    ----------
    query:
        One or more Cypher statements separated by ``;``.
    allow_writes:
        Also allow writes to the graph (``CREATE``, ``MERGE``, ``SET``, ``DELETE``, ``DETACH DELETE``,
        ``REMOVE``); file, network, extension, schema, transaction and database commands stay refused.

    Raises
    ------
    ontology.errors.RefusedQuery
        For an empty query, an unterminated string, identifier or comment, and the first statement
        that is not allowed (the message numbers it and names the word).
    """
    statements = split_statements(query)
    if not statements:
        raise RefusedQuery("empty query")
    return [Statement(text, _check_statement(number, tokens, allow_writes),
                      frozenset(t.text[1:] for t in tokens if t.kind == "param"))
            for number, (text, tokens) in enumerate(statements, start=1)]
