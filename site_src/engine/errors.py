"""One kind of error for everything a contributor can get wrong.

Its first line always reads ``file:line: what happened — what to do``; the
traceback or partial output, where there is one, follows on later lines.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def rel(path: Path | str) -> str:
    """``path`` relative to the repository when it is inside it, else to the
    working folder (a project built with this installed machinery: its
    commands run there), else as it is."""
    path = Path(path)
    for base in (ROOT, Path.cwd()):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


class SnippetError(Exception):
    """A problem with a snippet or with the page that places it."""

    def __init__(
        self,
        path: Path | str,
        line: int | None,
        message: str,
        hint: str,
        detail: str = "",
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        self.hint = hint
        self.detail = detail.rstrip()
        super().__init__(self.summary())

    def summary(self) -> str:
        where = rel(self.path) + (f":{self.line}" if self.line else "")
        return f"{where}: {self.message} — {self.hint}"

    def __str__(self) -> str:
        if self.detail:
            return self.summary() + "\n" + self.detail
        return self.summary()


class SnippetErrors(Exception):
    """Several errors from one build, reported together."""

    def __init__(self, errors: list[SnippetError]) -> None:
        self.errors = errors
        super().__init__(str(self))

    def __str__(self) -> str:
        heads = [e.summary() for e in self.errors]
        details = [str(e) for e in self.errors if e.detail]
        text = "\n".join(heads)
        if details:
            text += "\n\n" + "\n\n".join(details)
        return text
