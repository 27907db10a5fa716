from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("partnership")
    SETTLEMENT = "settlement", _("settlement")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


ACTIVE_RUN_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class RunTrigger(models.TextChoices):
    STAFF = "staff", _("staff")
    NIGHTLY = "nightly", _("nightly")
    PROFILE = "profile", _("profile change")


class ChunkStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class PartnerKind(models.TextChoices):
    COMPANY = "company", _("company")
    OFFER = "offer", _("settlement offer")


class PairState(models.TextChoices):
    INTERESTED = "interested", _("interested")
    NOT_INTERESTED = "not-interested", _("not interested")
    INTRODUCTION_REQUESTED = "intro-requested", _("introduction requested")
    INTRODUCTION_ACCEPTED = "intro-accepted", _("introduction accepted")
    INTRODUCTION_DECLINED = "intro-declined", _("introduction declined")


# A pair in one of these states is never matched again (both directions), until taken back.
EXCLUDING_PAIR_STATES = (PairState.NOT_INTERESTED, PairState.INTRODUCTION_DECLINED)


class ScoreBand(models.TextChoices):
    STRONG = "strong", _("strong match")
    GOOD = "good", _("good match")
    POSSIBLE = "possible", _("possible match")


# The lowest score of each band, best first: people see a band, never the raw number.
SCORE_BAND_FLOORS = ((0.6, ScoreBand.STRONG), (0.4, ScoreBand.GOOD))


def score_band(score: float) -> ScoreBand:
    return next((band for floor, band in SCORE_BAND_FLOORS if score >= floor), ScoreBand.POSSIBLE)
