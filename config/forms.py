from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    """Every form, ours and allauth's, renders through the site's field template."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
