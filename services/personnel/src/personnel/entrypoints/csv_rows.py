"""Reading a CSV of employees lazily: the file is read in chunks, one row at a time."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO

from jenjang_shared.errors import InvalidInput

Row = tuple[int, dict[str, str | None]]


class CsvRows:
    """Rows of a UTF-8 CSV (BOM tolerated) with a header line, numbered like a spreadsheet
    (the header is row 1, the first data row is 2). Only the current chunk is in memory."""

    def __init__(self, binary: IO[bytes]) -> None:
        self._text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        self._reader = csv.DictReader(self._text)
        try:
            self.columns: list[str] = [c.strip() for c in self._reader.fieldnames or []]
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InvalidInput(f"the file is not a UTF-8 CSV: {exc}", field="file") from None
        if not self.columns:
            raise InvalidInput("the CSV is empty: it needs a header line", field="file")
        self._reader.fieldnames = self.columns

    def __iter__(self) -> Iterator[Row]:
        number = 1
        try:
            for values in self._reader:
                number += 1
                yield number, values
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InvalidInput(
                f"the file cannot be read after row {number}: {exc}", field="file"
            ) from None

    def detach(self) -> None:
        """Leave the underlying binary file open (the caller owns it)."""
        self._text.detach()
