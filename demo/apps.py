from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for trying the platform; sits at the top of the import order."""

    name = "demo"
    verbose_name = "Demo data"
