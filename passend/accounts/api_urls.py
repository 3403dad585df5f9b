"""API route of API login (tokens), mounted under /api/v1/."""

from django.urls import path

from .api import TokenView

urlpatterns = [path("auth/token", TokenView.as_view(), name="token")]
