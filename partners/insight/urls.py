"""Admin URLs of the coalition insight (mounted under /admin/insight/ by wagtail_hooks)."""

from django.urls import path, re_path

from . import views

app_name = "partners_insight"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    re_path(r"^chart/(?P<key>[-\w]+)/(?P<fmt>svg|png)/$", views.chart, name="chart"),
    path("export/<int:period_id>/<str:fmt>/", views.export, name="export"),
]
