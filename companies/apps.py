from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        from companies.permissions import bridge_managers_group_ensure
        from companies.privacy import register_companies_section

        post_migrate.connect(bridge_managers_group_ensure, sender=self)
        register_companies_section()
