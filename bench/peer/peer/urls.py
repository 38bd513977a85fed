from django.http import HttpResponse
from django.urls import path

from peer import views

urlpatterns = [
    path("health/live", lambda request: HttpResponse("ok")),
    path("api/v1/requests", views.RequestCreate.as_view()),
    path("api/v1/requests/<uuid:pk>", views.RequestDetail.as_view()),
]
