"""The engine's weights from Django settings: ``MATCHING_WEIGHTS`` overrides single defaults.

Example: ``MATCHING_WEIGHTS = {"description": 0.05, "capabilities": 0.6}``. Weights are scaled to
sum 1 when a run starts, so they state proportions. Unset, the defaults of
``matchmaking.engine.Weights`` apply (see docs/matching.md).
"""

from django.conf import settings

from matchmaking.engine import Weights


def matching_weights() -> Weights:
    return Weights.from_mapping(dict(getattr(settings, "MATCHING_WEIGHTS", None) or {}))
