from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("feedback/", views.feedback, name="feedback"),
    path("burden/", views.burden, name="burden"),
    path("burden/mine/", views.my_burden, name="my_burden"),
    path("burden/support/", views.burden_support, name="burden_support"),
    path("pulse/", views.pulse_answer, name="pulse_answer"),
    path("pulses/", views.pulses, name="pulses"),
    path("pulses/<int:pk>/", views.pulse_results, name="pulse_results"),
    path("staff-counts/", views.staff_counts, name="staff_counts"),
]
