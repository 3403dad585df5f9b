from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("inloggen/tweede-stap/", views.OtpVerifyView.as_view(), name="otp-verify"),
    path("account/tweestapsverificatie/", views.OtpSetupView.as_view(), name="otp-setup"),
]
