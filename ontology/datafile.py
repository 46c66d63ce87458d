"""Reading the package's YAML data files (ontology, gazetteers, lexicons) with errors that name the file
and the key, so a bad data edit fails fast and says where."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ontology.errors import OntologyError

__all__ = ["read_data_file", "read_section", "validate_data"]

ModelT = TypeVar("ModelT", bound=BaseModel)

# libyaml's parser where PyYAML was built with it: the same documents, a seventh of the time (the
# gazetteers and lexicons are read at every start of ingest).
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_data_file(path: Path, what: str, needs_source: bool = True) -> dict[str, Any]:
    """The mapping in a YAML data file.

    Raises
    ------
    OntologyError
        When the file cannot be read or parsed, is not a mapping, or (``needs_source``) does not start
        with a ``source`` line saying where its facts come from.
    """
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as err:
        raise OntologyError(f"{path}: cannot read {what}: {err}") from err
    if not isinstance(data, dict):
        raise OntologyError(f"{path}: {what} must be a mapping")
    if needs_source and not isinstance(data.get("source"), str):
        raise OntologyError(f"{path}: {what} must start with a 'source' line")
    return data


def validate_data(path: Path, model: type[ModelT], data: object, where: str = "") -> ModelT:
    """``model`` validated from ``data``; the error names the file and the first offending key."""
    try:
        return model.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        prefix = f"{where}: " if where else ""
        raise OntologyError(f"{path}: {prefix}{key}: {first['msg']}") from err


def read_section(path: Path, what: str, key: str, model: type[ModelT]) -> ModelT:
    """The ``key`` section of a YAML data file (see :func:`read_data_file`), validated as ``model``; errors
    name the file and the key."""
    return validate_data(path, model, read_data_file(path, what).get(key), key)
