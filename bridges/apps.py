from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from core.reference_cache import reference_changed


def _reference_data_changed(sender, **kwargs) -> None:
    reference_changed()


class BridgesConfig(AppConfig):
    name = "bridges"
    verbose_name = _("Bridges")

    def ready(self) -> None:
        # Filter choices and match-reason wording are cached from these rows (core.reference_cache).
        for name in ("Bridge", "Sector", "Capability", "PartnershipType"):
            model = self.get_model(name)
            post_save.connect(_reference_data_changed, sender=model, dispatch_uid=f"ref-{name}")
            post_delete.connect(_reference_data_changed, sender=model, dispatch_uid=f"ref-{name}-d")
