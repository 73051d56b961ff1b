"""The one error the launcher raises on purpose: what went wrong, and what to do about it."""

from __future__ import annotations


class StackError(Exception):
    """A failure the user can fix; `remedy` says how (the CLI prints both, without a traceback)."""

    def __init__(self, problem: str, remedy: str = "", details: str = "") -> None:
        self.problem = problem
        self.remedy = remedy
        # Extra evidence, e.g. the last lines of a log file, printed after the problem.
        self.details = details
        super().__init__(self.render())

    def render(self) -> str:
        parts = [self.problem]
        if self.details:
            parts.append(self.details.rstrip())
        if self.remedy:
            parts.append(f"What to do: {self.remedy}")
        return "\n".join(parts)
