from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadsConfig(AppConfig):
    name = "leads"
    verbose_name = _("Introductions and leads")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from leads.permissions import bridge_managers_may_work_leads
        from leads.privacy import register_leads_section

        register_leads_section()

        post_migrate.connect(bridge_managers_may_work_leads, sender=self)
