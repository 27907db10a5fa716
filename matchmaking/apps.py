from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Matchmaking")

    def ready(self) -> None:
        from matchmaking import receivers  # noqa: F401  (connects the signal receivers)
        from matchmaking.permissions import bridge_managers_may_view_matches

        post_migrate.connect(bridge_managers_may_view_matches, sender=self)
