"""Admin actions that export the selected rows as CSV or XLSX, through `core.exports`."""

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exports import export_response

Column = tuple[str, Callable[[Any], Any]]


def _export(modeladmin, request, queryset, file_format: str):
    columns: Sequence[Column] = modeladmin.export_columns
    queryset = modeladmin.get_export_queryset(queryset)
    name = f"{modeladmin.model._meta.model_name}-{timezone.localdate():%Y-%m-%d}"
    return export_response(
        filename=name,
        file_format=file_format,
        header=[str(label) for label, _getter in columns],
        rows=([getter(obj) for _label, getter in columns] for obj in queryset),
    )


@admin.action(description=_("Export the selection as CSV"))
def export_csv(modeladmin, request, queryset):
    return _export(modeladmin, request, queryset, "csv")


@admin.action(description=_("Export the selection as Excel (XLSX)"))
def export_xlsx(modeladmin, request, queryset):
    return _export(modeladmin, request, queryset, "xlsx")


class ExportMixin:
    """Give a ModelAdmin `export_columns` = [(label, getter), …] to offer both exports."""

    export_columns: Sequence[Column] = ()
    actions = [export_csv, export_xlsx]

    def get_export_queryset(self, queryset):
        return queryset
