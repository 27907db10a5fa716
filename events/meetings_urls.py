"""1:1 meetings of an event: /<lang>/events/<slug>/meetings/, /agenda/ and the staff grid."""

from django.urls import path

from events.meetings import views

app_name = "meetings"

urlpatterns = [
    path("<slug:slug>/meetings/", views.people, name="people"),
    path("<slug:slug>/meetings/request/", views.meeting_request, name="request"),
    path("<slug:slug>/meetings/grid/", views.grid, name="grid"),
    path("<slug:slug>/meetings/<int:meeting_id>/accept/", views.meeting_accept, name="accept"),
    path("<slug:slug>/meetings/<int:meeting_id>/decline/", views.meeting_decline, name="decline"),
    path("<slug:slug>/meetings/<int:meeting_id>/cancel/", views.meeting_cancel, name="cancel"),
    path("<slug:slug>/meetings/<int:meeting_id>/move/", views.meeting_move, name="move"),
    path(
        "<slug:slug>/meetings/<int:meeting_id>/calendar.ics",
        views.meeting_calendar,
        name="calendar",
    ),
    path("<slug:slug>/agenda/", views.agenda, name="agenda"),
]
