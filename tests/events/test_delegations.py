"""Delegations: companies apply, staff select within the seats, the selected read the travel
plan, and a stand lists its exhibiting companies on the event page."""

import datetime

import pytest
from django.utils import timezone, translation

from bridges.models import Bridge
from events.delegations import emails, services
from events.models import (
    Delegation,
    DelegationApplication,
    Stand,
    StandExhibitor,
)
from notifications.models import Notification, OutboundEmail
from notifications.services import notification_settings_save
from notifications.texts import notification_text
from tests.events.conftest import company_person
from tests.factories import CompanyFactory, EventFactory, StaffFactory, UserFactory
from tests.support.admin import admin_client_for, assert_constant_queries
from tests.support.threads import at_once

pytestmark = pytest.mark.django_db

APPLICATIONS = "/admin/events/delegationapplication/"
TRAVEL_PLAN = "Flight MAN-DUS at 07:05, RE 1 to Essen, Hotel Handelshof."


def _delegation(*, seats: int = 2, event=None, stand=None, **fields) -> Delegation:
    event = event or EventFactory(slug="ruhrsummit", title_en="RuhrSummit")
    return Delegation.objects.create(
        event=event,
        bridge=Bridge.objects.get(slug="united-kingdom"),
        stand=stand,
        title_en="Greater Manchester delegation",
        title_de="Delegation aus Greater Manchester",
        travel_plan_en=TRAVEL_PLAN,
        travel_plan_de="Flug MAN-DUS um 07:05, RE 1 nach Essen, Hotel Handelshof.",
        travel_date=datetime.date(2027, 5, 27),
        application_deadline=timezone.now() + datetime.timedelta(days=7),
        seats=seats,
        **fields,
    )


def _applied(delegation: Delegation, *, language: str = "en"):
    person, company = company_person(language=language)
    application = services.delegation_apply(
        actor=person, delegation_id=delegation.pk, company_id=company.pk, motivation="We pitch."
    )
    return person, application


def _url(delegation: Delegation, suffix: str = "", language: str = "en") -> str:
    return f"/{language}/events/{delegation.event.slug}/delegations/{delegation.pk}/{suffix}"


# Applying


def test_it_takes_a_company_persons_application_with_a_motivation(client):
    delegation = _delegation()
    person, company = company_person()
    client.force_login(person)

    response = client.post(
        _url(delegation, "apply/"),
        {"company": company.pk, "motivation": "We build electrolysers."},
        follow=True,
    )

    assert "your application is in" in response.text
    application = DelegationApplication.objects.get()
    assert (application.company, application.status, application.applied_by) == (
        company,
        "applied",
        person,
    )
    assert "Applied" in response.text


def test_it_asks_for_a_motivation_and_changes_nothing_without_one(client):
    delegation = _delegation()
    person, company = company_person()
    client.force_login(person)

    response = client.post(
        _url(delegation, "apply/"), {"company": company.pk, "motivation": "  "}, follow=True
    )

    assert "Tell us why your company wants to travel with the delegation." in response.text
    assert not DelegationApplication.objects.exists()


def test_a_person_of_a_company_not_on_the_bridge_is_told_and_cannot_apply(client):
    delegation = _delegation()
    person, company = company_person(bridge_slug="israel")
    client.force_login(person)

    page = client.get(_url(delegation))
    response = client.post(
        _url(delegation, "apply/"), {"company": company.pk, "motivation": "Let us in."}
    )

    assert "approved members of Innovation Bridge United Kingdom may apply" in page.text
    assert "<form" not in page.text.split('id="application-title"')[1].split("</section>")[0]
    assert response.status_code == 302
    assert not DelegationApplication.objects.exists()


def test_the_service_refuses_someone_outside_the_companys_team_with_a_message():
    delegation = _delegation()
    _person, company = company_person()

    with pytest.raises(services.PermissionDenied, match="whose team you are in"):
        services.delegation_apply(
            actor=UserFactory(),
            delegation_id=delegation.pk,
            company_id=company.pk,
            motivation="We want to go.",
        )
    assert not DelegationApplication.objects.exists()


def test_applying_twice_says_so_and_keeps_the_first_application():
    delegation = _delegation()
    person, first = _applied(delegation)

    with pytest.raises(services.ValidationError, match="has already applied"):
        services.delegation_apply(
            actor=person,
            delegation_id=delegation.pk,
            company_id=first.company_id,
            motivation="Second try.",
        )
    assert list(DelegationApplication.objects.values_list("motivation", flat=True)) == ["We pitch."]


def test_a_closed_delegation_takes_no_applications(client):
    delegation = _delegation(status="closed")
    person, company = company_person()
    client.force_login(person)

    response = client.post(
        _url(delegation, "apply/"), {"company": company.pk, "motivation": "Late."}, follow=True
    )

    assert "This delegation no longer takes applications." in response.text
    assert not DelegationApplication.objects.exists()


# Deciding


def test_staff_select_within_the_seats_and_the_company_exhibits_at_the_stand():
    event = EventFactory()
    stand = Stand.objects.create(event=event, name_en="GM stand", name_de="GM-Stand")
    delegation = _delegation(event=event, stand=stand, seats=1)
    _person, application = _applied(delegation)

    services.application_select(actor=StaffFactory(), application_id=application.pk)

    application.refresh_from_db()
    assert application.status == "selected"
    assert list(stand.exhibitors.values_list("company", flat=True)) == [application.company_id]


def test_selecting_beyond_the_seats_says_so_and_changes_nothing():
    delegation = _delegation(seats=1)
    _first_person, first = _applied(delegation)
    _second_person, second = _applied(delegation)
    staff = StaffFactory()
    services.application_select(actor=staff, application_id=first.pk)

    with pytest.raises(services.ValidationError, match=r"all 1 seats .* are taken"):
        services.application_select(actor=staff, application_id=second.pk)

    second.refresh_from_db()
    assert second.status == "applied"
    assert OutboundEmail.objects.count() == 1


def test_the_admin_selects_in_bulk_and_reports_the_seat_limit(client):
    delegation = _delegation(seats=2)
    applications = [_applied(delegation)[1] for _ in range(3)]
    staff = admin_client_for(client, StaffFactory())

    response = staff.post(
        APPLICATIONS,
        {"action": "select", "_selected_action": [a.pk for a in applications]},
        follow=True,
    )

    assert "Applications decided: 2." in response.text
    assert "all 2 seats of “Greater Manchester delegation” are taken" in response.text
    assert list(DelegationApplication.objects.order_by("pk").values_list("status", flat=True)) == [
        "selected",
        "selected",
        "applied",
    ]


def test_the_admin_declines_with_a_reason_the_company_reads(client):
    delegation = _delegation()
    person, application = _applied(delegation)
    staff = admin_client_for(client, StaffFactory())
    chosen = {"action": "decline", "_selected_action": [application.pk]}

    asked = staff.post(APPLICATIONS, chosen)
    staff.post(APPLICATIONS, {**chosen, "reason": "Your sector is not at the summit."})

    assert "The companies read the reason you give." in asked.text
    application.refresh_from_db()
    assert (application.status, application.reason) == (
        "declined",
        "Your sector is not at the summit.",
    )
    client.force_login(person)
    page = client.get(_url(delegation))
    assert "Declined" in page.text and "Your sector is not at the summit." in page.text


def test_declining_without_a_reason_changes_nothing():
    delegation = _delegation()
    _person, application = _applied(delegation)

    with pytest.raises(services.ValidationError, match="Give the company a reason"):
        services.application_decline(actor=StaffFactory(), application_id=application.pk, reason="")

    application.refresh_from_db()
    assert application.status == "applied"
    assert not OutboundEmail.objects.exists()


def test_a_decided_application_is_not_decided_again():
    delegation = _delegation()
    _person, application = _applied(delegation)
    staff = StaffFactory()
    services.application_decline(actor=staff, application_id=application.pk, reason="No.")

    with pytest.raises(services.ValidationError, match="already decided"):
        services.application_select(actor=staff, application_id=application.pk)
    with pytest.raises(services.ValidationError, match="already decided"):
        services.application_decline(actor=staff, application_id=application.pk, reason="Again.")

    application.refresh_from_db()
    assert (application.status, application.reason) == ("declined", "No.")


def test_staff_of_another_bridge_neither_see_nor_decide_the_applications(client):
    delegation = _delegation()
    _person, application = _applied(delegation)
    manager = UserFactory(is_staff=True)
    Bridge.objects.get(slug="israel").managers.add(manager)

    listing = admin_client_for(client, manager).get(APPLICATIONS)
    with pytest.raises(services.PermissionDenied):
        services.application_select(actor=manager, application_id=application.pk)

    assert application.company.name not in listing.text
    application.refresh_from_db()
    assert application.status == "applied"


def test_the_decision_e_mails_go_out_in_each_persons_language():
    delegation = _delegation(seats=2)
    german, selected = _applied(delegation, language="de")
    english, declined = _applied(delegation, language="en")
    staff = StaffFactory()

    services.application_select(actor=staff, application_id=selected.pk)
    services.application_decline(actor=staff, application_id=declined.pk, reason="Too late.")

    to_german = OutboundEmail.objects.get(to_email=german.email)
    to_english = OutboundEmail.objects.get(to_email=english.email)
    assert to_german.language == "de" and "Delegation aus Greater Manchester" in to_german.subject
    assert "27. Mai 2027" in to_german.text_body
    assert to_english.language == "en" and "Greater Manchester delegation" in to_english.subject
    assert "Too late." in to_english.text_body


# Telling the company


def test_a_decision_notifies_each_person_of_the_company_once_in_their_language():
    delegation = _delegation()
    german, application = _applied(delegation, language="de")
    colleague = UserFactory(preferred_language="en")
    application.company.members.create(user=colleague, role="member")
    services.application_select(actor=StaffFactory(), application_id=application.pk)

    emails.application_decided(application_id=application.pk, change="selected")

    notices = Notification.objects.filter(kind="delegation-decided")
    assert sorted(notices.values_list("user", flat=True)) == sorted([german.pk, colleague.pk])
    notice = notices.get(user=german)
    assert notice.url == f"/de/events/ruhrsummit/delegations/{delegation.pk}/"
    with translation.override("de"):
        assert "Delegation aus Greater Manchester" in notification_text(
            kind=notice.kind, params=notice.params
        )
    with translation.override("en"):
        assert notification_text(kind=notice.kind, params=notice.params) == (
            f"{application.company.name} is selected for the delegation "
            "“Greater Manchester delegation”."
        )
    assert OutboundEmail.objects.count() == 2


def test_the_decision_e_mail_carries_an_unsubscribe_link():
    delegation = _delegation()
    person, application = _applied(delegation)

    services.application_decline(actor=StaffFactory(), application_id=application.pk, reason="No.")

    sent = OutboundEmail.objects.get(to_email=person.email)
    assert "List-Unsubscribe" in sent.headers
    assert sent.headers["List-Unsubscribe"].strip("<>") in sent.text_body


def test_with_delegation_e_mails_switched_off_only_the_notification_comes():
    delegation = _delegation()
    person, application = _applied(delegation)
    notification_settings_save(user=person, email_kinds=["introduction-requested"])

    services.application_decline(actor=StaffFactory(), application_id=application.pk, reason="No.")

    assert not OutboundEmail.objects.exists()
    notice = Notification.objects.get(user=person)
    assert notice.params["variant"] == "declined"


# Taking a selection back


def _selected_at_stand(*, seats: int = 1):
    event = EventFactory(slug="ruhrsummit")
    stand = Stand.objects.create(event=event, name_en="GM stand", name_de="GM-Stand")
    delegation = _delegation(event=event, stand=stand, seats=seats)
    person, application = _applied(delegation)
    services.application_select(actor=StaffFactory(), application_id=application.pk)
    return stand, delegation, person, application


def test_taking_a_selection_back_frees_the_seat_and_the_stand_and_tells_the_company():
    stand, delegation, person, application = _selected_at_stand(seats=1)
    _other_person, other = _applied(delegation)
    staff = StaffFactory()

    services.application_unselect(actor=staff, application_id=application.pk)
    services.application_select(actor=staff, application_id=other.pk)

    application.refresh_from_db()
    assert application.status == "applied"
    assert list(stand.exhibitors.values_list("company", flat=True)) == [other.company_id]
    notice = Notification.objects.get(user=person, params__variant="withdrawn")
    with translation.override("en"):
        assert "withdrew the selection" in notification_text(kind=notice.kind, params=notice.params)
    withdrawn = OutboundEmail.objects.get(to_email=person.email, subject__contains="withdrawn")
    assert "Your application is open again" in withdrawn.text_body


def test_a_company_selected_again_after_a_withdrawal_is_told_again():
    _stand, _, person, application = _selected_at_stand()
    staff = StaffFactory()
    services.application_unselect(actor=staff, application_id=application.pk)

    services.application_select(actor=staff, application_id=application.pk)

    assert Notification.objects.filter(user=person, params__variant="selected").count() == 2
    assert (
        OutboundEmail.objects.filter(to_email=person.email, subject__startswith="Selected").count()
        == 2
    )


def test_taking_back_an_application_that_is_not_selected_says_so_and_changes_nothing():
    delegation = _delegation()
    person, application = _applied(delegation)

    with pytest.raises(services.ValidationError, match="already decided"):
        services.application_unselect(actor=StaffFactory(), application_id=application.pk)

    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("applied", None)
    assert not Notification.objects.filter(user=person).exists()


def test_staff_of_another_bridge_cannot_take_a_selection_back():
    stand, _, _person, application = _selected_at_stand()
    manager = UserFactory(is_staff=True)
    Bridge.objects.get(slug="israel").managers.add(manager)

    with pytest.raises(services.PermissionDenied):
        services.application_unselect(actor=manager, application_id=application.pk)

    application.refresh_from_db()
    assert application.status == "selected"
    assert stand.exhibitors.filter(company=application.company).exists()


def test_declining_a_selected_company_takes_it_off_the_stand():
    stand, _, person, application = _selected_at_stand()

    services.application_decline(
        actor=StaffFactory(), application_id=application.pk, reason="Your visa did not come."
    )

    application.refresh_from_db()
    assert (application.status, application.reason) == ("declined", "Your visa did not come.")
    assert not stand.exhibitors.exists()
    assert Notification.objects.filter(user=person, params__variant="declined").exists()


def test_a_company_another_delegation_selected_for_the_same_stand_stays_on_it():
    stand, delegation, _person, application = _selected_at_stand()
    second = _delegation(event=delegation.event, stand=stand)
    staff = StaffFactory()
    again = services.delegation_apply(
        actor=application.company.members.get().user,
        delegation_id=second.pk,
        company_id=application.company_id,
        motivation="Again.",
    )
    services.application_select(actor=staff, application_id=again.pk)

    services.application_unselect(actor=staff, application_id=application.pk)

    assert list(stand.exhibitors.values_list("company", flat=True)) == [application.company_id]


def test_the_admin_asks_before_taking_selections_back(client):
    stand, _, _person, application = _selected_at_stand()
    staff = admin_client_for(client, StaffFactory())
    chosen = {"action": "unselect", "_selected_action": [application.pk]}

    asked = staff.post(APPLICATIONS, chosen)
    application.refresh_from_db()
    assert "their seats become free" in asked.text and application.status == "selected"

    done = staff.post(APPLICATIONS, {**chosen, "confirmed": "yes"}, follow=True)

    assert "Applications decided: 1." in done.text
    application.refresh_from_db()
    assert application.status == "applied"
    assert not stand.exhibitors.exists()


# The company's dashboard


def test_the_company_dashboard_lists_its_applications_with_status_and_link(client):
    delegation = _delegation(seats=1)
    person, application = _applied(delegation)
    other_delegation = _delegation(event=delegation.event)
    other_person, _other = _applied(other_delegation)
    services.application_select(actor=StaffFactory(), application_id=application.pk)

    client.force_login(person)
    own = client.get("/en/my/").text.split("<h3>Delegations</h3>")[1].split("</section>")[0]
    client.force_login(other_person)
    other = client.get("/en/my/").text.split("<h3>Delegations</h3>")[1].split("</section>")[0]

    assert f'href="/en/events/ruhrsummit/delegations/{delegation.pk}/"' in own
    assert "Greater Manchester delegation" in own and "Selected" in own
    assert f"/delegations/{other_delegation.pk}/" not in own
    assert f"/delegations/{other_delegation.pk}/" in other and "Applied" in other
    assert f"/delegations/{delegation.pk}/" not in other and "Selected" not in other


def test_a_company_without_applications_shows_no_delegations_section(client):
    person, _company = company_person()
    client.force_login(person)

    page = client.get("/en/my/").text

    assert "<h3>Bridges</h3>" in page and "<h3>Delegations</h3>" not in page


def test_the_dashboard_counts_queries_the_same_for_one_or_three_applications(client):
    person, company = company_person()
    client.force_login(person)
    event = EventFactory(slug="ruhrsummit")

    def application():
        services.delegation_apply(
            actor=person,
            delegation_id=_delegation(event=event).pk,
            company_id=company.pk,
            motivation="We pitch.",
        )

    assert_constant_queries(client, "/en/my/", application)


# The page


def test_the_travel_plan_shows_to_the_selected_company_only(client):
    delegation = _delegation(seats=1)
    selected_person, selected = _applied(delegation)
    waiting_person, _waiting = _applied(delegation)
    services.application_select(actor=StaffFactory(), application_id=selected.pk)

    client.force_login(selected_person)
    for_selected = client.get(_url(delegation)).text
    client.force_login(waiting_person)
    for_waiting = client.get(_url(delegation)).text
    client.logout()
    for_visitor = client.get(_url(delegation)).text

    assert TRAVEL_PLAN in for_selected and "Selected" in for_selected
    assert TRAVEL_PLAN not in for_waiting and "Applied" in for_waiting
    assert TRAVEL_PLAN not in for_visitor and "Sign in to apply" in for_visitor


def test_the_german_page_shows_the_german_travel_plan(client):
    delegation = _delegation(seats=1)
    person, application = _applied(delegation)
    services.application_select(actor=StaffFactory(), application_id=application.pk)
    client.force_login(person)

    page = client.get(_url(delegation, language="de")).text

    assert "Flug MAN-DUS um 07:05" in page


def test_a_delegation_of_an_event_the_viewer_cannot_see_does_not_exist(client):
    event = EventFactory(visibility="members")
    event.bridges.set([Bridge.objects.get(slug="israel")])
    delegation = _delegation(event=event)
    person, _company = company_person()
    client.force_login(person)

    assert client.get(_url(delegation)).status_code == 404
    assert client.get(f"/en/events/other-slug/delegations/{delegation.pk}/").status_code == 404


def test_the_event_page_lists_the_stands_exhibitors_and_the_delegation(client):
    event = EventFactory(slug="ruhrsummit")
    stand = Stand.objects.create(event=event, name_en="Greater Manchester stand", name_de="x")
    shown = company_person()[1]
    shown.visibility = "public"
    shown.save(update_fields=["visibility"])
    hidden = CompanyFactory(name="Quiet Labs Ltd", visibility="hidden")
    for company in (shown, hidden):
        StandExhibitor.objects.create(stand=stand, company=company)
    _delegation(event=event, stand=stand)

    page = client.get("/en/events/ruhrsummit/").text

    assert "Greater Manchester stand" in page
    assert f'<a href="/en/companies/{shown.pk}/">{shown.name}</a>' in page
    assert "Quiet Labs Ltd" in page
    assert f"/en/companies/{hidden.pk}/" not in page
    assert "Greater Manchester delegation" in page and "0 of 2 companies selected" in page


def test_the_event_page_counts_queries_the_same_for_one_or_three_exhibitors(client):
    event = EventFactory(slug="ruhrsummit")
    stand = Stand.objects.create(event=event, name_en="GM stand", name_de="GM-Stand")
    _delegation(event=event, stand=stand)
    client.force_login(company_person()[0])

    assert_constant_queries(
        client,
        "/en/events/ruhrsummit/",
        lambda: StandExhibitor.objects.create(stand=stand, company=company_person()[1]),
    )


def test_the_delegation_page_counts_queries_the_same_for_one_or_three_selected(client):
    delegation = _delegation(seats=5)
    client.force_login(company_person()[0])
    staff = StaffFactory()

    def selected_company():
        application = _applied(delegation)[1]
        services.application_select(actor=staff, application_id=application.pk)

    assert_constant_queries(client, _url(delegation), selected_company)


# Two staff members at once


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_staff_selecting_for_the_last_seat_at_once_select_one_company():
    delegation = _delegation(seats=1)
    first, second = _applied(delegation)[1], _applied(delegation)[1]
    anna, ben = StaffFactory(), StaffFactory()

    results = at_once(
        lambda: services.application_select(actor=anna, application_id=first.pk),
        lambda: services.application_select(actor=ben, application_id=second.pk),
    )

    errors = [result for result in results if isinstance(result, Exception)]
    assert len(errors) == 1 and "seats" in str(errors[0])
    assert DelegationApplication.objects.filter(status="selected").count() == 1
