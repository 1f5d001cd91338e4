"""Problems found while reading a library: named, levelled, never fatal."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    level: str  # "warning" | "info"
    subject: str  # what the problem is about: "Textbox", "Textbox.__init__"
    message: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def warning(self, subject: str, message: str) -> None:
        self.problems.append(Problem("warning", subject, message))

    def info(self, subject: str, message: str) -> None:
        self.problems.append(Problem("info", subject, message))

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def infos(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "info"]
