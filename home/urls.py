"""Public views of the home app, mounted at the language root (/nl/zoeken/, /pl/zoeken/)."""

from django.urls import path

from home import views

app_name = "home"

urlpatterns = [
    path("zoeken/", views.search, name="search"),
]
