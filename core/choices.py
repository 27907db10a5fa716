"""Choice fields that read their choices with one plain query.

Django's `ModelChoiceIterator` streams the choices with `QuerySet.iterator()`. On PostgreSQL
that is a server-side cursor (DECLARE, FETCH, CLOSE: three round trips, and in autocommit a
cursor WITH HOLD that the server materialises) for a list of a few dozen sectors or bridges,
on every page that renders a filter form. The served-mode load benchmark showed those cursors
as a good part of the directory's cost. Choice lists are short, so a plain query is right.
"""

import django_filters
from django import forms
from django_filters import fields as filter_fields


class PlainModelChoiceIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    iterator = PlainModelChoiceIterator


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = PlainModelChoiceIterator


class _FilterChoiceIterator(filter_fields.ModelChoiceIterator, PlainModelChoiceIterator):
    """django-filter's iterator (it adds the "null" choice) over the plain query."""


class _FilterModelChoiceField(filter_fields.ModelChoiceField):
    iterator = _FilterChoiceIterator


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _FilterModelChoiceField
