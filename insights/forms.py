"""The filters of the key figures: bridge, period and sector. They validate input only; what
could not be used falls back to its default and the page says so."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bridges.models import Bridge, Sector
from bridges.selectors import bridges_managed_by
from core.choices import ModelChoiceField
from insights.selectors import InsightFilters, Period

# Dates outside these years are typing mistakes; they would also overflow the time zone maths.
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2099, 12, 31)


def last_twelve_months(today: datetime.date | None = None) -> Period:
    """The year up to and including today."""
    today = today or timezone.localdate()
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return Period(start=year_ago + datetime.timedelta(days=1), end=today)


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class InsightFilterForm(forms.Form):
    bridge = ModelChoiceField(
        label=_("Bridge"),
        queryset=Bridge.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All bridges"),
    )
    sector = ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sectors"),
    )

    def __init__(self, data, *, user, today: datetime.date | None = None) -> None:
        self.default_period = last_twelve_months(today)
        data = data.copy()
        for name, default in (
            ("from", self.default_period.start),
            ("to", self.default_period.end),
        ):
            if not data.get(name):
                data[name] = default.isoformat()
        super().__init__(data)
        self.user = user
        self.fields["bridge"].queryset = bridges_managed_by(user=user).order_by("slug")  # type: ignore[attr-defined]
        self.fields["from"] = forms.DateField(label=_("From"), widget=_DateInput())
        self.fields["to"] = forms.DateField(label=_("To"), widget=_DateInput())
        self.order_fields(["bridge", "from", "to", "sector"])

    def _clean_date(self, name: str) -> datetime.date:
        value = self.cleaned_data[name]
        if not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                _("Please enter a date between %(earliest)s and %(latest)s.")
                % {"earliest": EARLIEST.year, "latest": LATEST.year}
            )
        return value

    def clean(self):
        data = super().clean()
        for name in ("from", "to"):
            if name in data:
                try:
                    data[name] = self._clean_date(name)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise forms.ValidationError(_("The period starts after it ends."))
        return data

    def filters(self) -> InsightFilters:
        """The filters to use: what was valid, and the defaults for the rest."""
        self.is_valid()
        data = self.cleaned_data
        period = Period(
            start=data.get("from") or self.default_period.start,
            end=data.get("to") or self.default_period.end,
        )
        if period.start > period.end:
            period = self.default_period
        bridge = data.get("bridge")
        bridges = self.fields["bridge"].queryset  # type: ignore[attr-defined]
        return InsightFilters(
            bridges=bridges.filter(pk=bridge.pk) if bridge else bridges,
            period=period,
            bridge=bridge,
            sector=data.get("sector"),
        )

    def query(self) -> str:
        """The filters in use, as a query string for the download links."""
        filters = self.filters()
        values = {
            "bridge": filters.bridge.slug if filters.bridge else "",
            "from": filters.period.start.isoformat(),
            "to": filters.period.end.isoformat(),
            "sector": filters.sector.slug if filters.sector else "",
        }
        return urlencode({name: value for name, value in values.items() if value})
