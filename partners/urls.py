urlpatterns: list = []
app_name = "partners"
