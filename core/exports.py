"""CSV and XLSX exports, guarded against formula injection. Every export goes through here.

A cell that starts with =, +, -, @, a tab or a carriage return would be run as a
formula by spreadsheet programs (CSV injection); such text gets a leading
apostrophe, which the programs show as text and do not run.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def guard_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert; other values unchanged."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def guarded_rows(rows: Iterable[Sequence[Any]]) -> Iterable[list[Any]]:
    for row in rows:
        yield [guard_cell(value) for value in row]


def write_csv(stream, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Plain CSV: UTF-8 without BOM, comma-separated, quoted only where needed."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(guarded_rows(rows))


def xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "Export"
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(header))
    for row in guarded_rows(rows):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(
    *, filename: str, file_format: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A download of the rows as `filename`.csv or .xlsx."""
    if file_format == "xlsx":
        response = HttpResponse(xlsx_bytes(header, rows, title=filename), XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(content_type=CSV_CONTENT_TYPE)
        write_csv(response, header, rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
