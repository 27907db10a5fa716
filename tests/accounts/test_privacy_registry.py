"""Every table that would stop or outlive an account's erasure is covered by the registry."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from accounts.privacy import covered_models


def _relations_that_keep_or_block_a_user():
    user_model = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete and field.related_model is user_model):
                continue
            if isinstance(field, models.ManyToManyField):
                continue  # the through rows go with the user
            if field.remote_field.on_delete in (models.SET_NULL, models.DO_NOTHING):
                continue
            yield model._meta.label, field.name


@pytest.mark.parametrize(("model", "field"), list(_relations_that_keep_or_block_a_user()))
def test_a_model_that_holds_a_users_data_is_exported_and_erased(model, field):
    assert model in covered_models(), (
        f"{model}.{field} refers to a user: register it in a privacy section."
    )
