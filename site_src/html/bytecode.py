"""Compiled Jinja templates, kept in memory for the life of a process.

Each ProperDocs rebuild (and each nbconvert render) makes a new Jinja
environment, which compiles every template it uses again. Given one of
these as its ``bytecode_cache``, an environment compiles a template once
and loads it afterwards. Jinja checks each entry against its template's
source, so an edited template recompiles; the compiled code also depends on
the environment's settings, so one store serves environments set up alike.
"""

from __future__ import annotations

import jinja2


class TemplateBytecode(jinja2.BytecodeCache):
    """Compiled templates by Jinja's key (template name and file)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
