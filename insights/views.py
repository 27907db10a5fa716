"""The staff's key figures: one page of charts and tables, and each table as a CSV file.

Staff only, like the lead board: signed-out people are sent to sign in, everyone else gets a
404; bridge managers see the figures of their bridges.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.exports import export_response
from insights.forms import InsightFilterForm
from insights.tables import TABLES, insight_tables
from leads.staff_views import staff_only


@require_GET
@staff_only("leads.view_lead")
def dashboard(request: HttpRequest) -> HttpResponse:
    form = InsightFilterForm(request.GET, user=request.user)
    filters = form.filters()
    context = {
        "form": form,
        "filters": filters,
        "query": form.query(),
        "tables": insight_tables(filters),
    }
    return render(request, "insights/dashboard.html", context)


@require_GET
@staff_only("leads.view_lead")
def export(request: HttpRequest, table: str) -> HttpResponse:
    build = TABLES.get(table)
    if build is None:
        raise Http404
    filters = InsightFilterForm(request.GET, user=request.user).filters()
    built = build(filters)
    period = filters.period
    return export_response(
        filename=f"{table}-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}",
        file_format="csv",
        header=built.header,
        rows=built.csv_rows(),
    )
