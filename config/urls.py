from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import views as account_views
from notifications import views as notification_views
from notifications import webhooks as notification_webhooks
from pages import views as page_views
from pages.sitemaps import SITEMAPS

# The admin signs in through allauth, so staff get the same rate limits and TOTP step.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("RuhrBridge staff workbench")
admin.site.site_title = _("RuhrBridge staff")
admin.site.index_title = _("Curate bridges, companies and events")
# The changelists need the width: their filters already sit on the right.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that do not name an icon (the admin, error pages).
    path("favicon.ico", page_views.favicon),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("hooks/email-events/", notification_webhooks.email_events, name="email_events_hook"),
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    path("", include("companies.urls")),
    path("", include("bridges.urls")),
    path("my/", include("companies.self_service_urls")),
    path("my/", include("matchmaking.urls")),
    path("my/", include("leads.urls")),
    path("my/", include("leads.settlement_urls")),
    path("my/notifications/", include("notifications.urls")),
    path("unsubscribe/<str:token>/", notification_views.unsubscribe_page, name="unsubscribe"),
    path("staff/leads/", include("leads.staff_urls")),
    path("staff/insights/", include("insights.urls")),
    path("events/", include("events.urls")),
    path("events/", include("events.meetings_urls")),
    path("events/", include("events.delegations_urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
