from django.urls import path

from passend.jobs.views import TeamJobsView

from . import views
from .views import beheer, invitation

app_name = "accounts"
BEHEER = "teams/<slug:team>/beheer/gebruikers/"
MEMBER = BEHEER + "<int:user_id>/"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("inloggen/tweede-stap/", views.OtpVerifyView.as_view(), name="otp-verify"),
    path("account/tweestapsverificatie/", views.OtpSetupView.as_view(), name="otp-setup"),
    path(
        "uitnodiging/<str:token>/",
        invitation.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path(BEHEER, beheer.UsersView.as_view(), name="beheer-users"),
    path("teams/<slug:team>/beheer/taken/", TeamJobsView.as_view(), name="beheer-jobs"),
    path(BEHEER + "uitnodigen/", beheer.InviteView.as_view(), name="beheer-invite"),
    path(MEMBER, beheer.UserView.as_view(), name="beheer-user"),
    path(
        MEMBER + "uitnodiging-opnieuw/",
        beheer.ResendInvitationView.as_view(),
        name="beheer-invite-resend",
    ),
    path(MEMBER + "deactiveren/", beheer.DeactivateView.as_view(), name="beheer-deactivate"),
    path(
        MEMBER + "rollen/nieuw/", beheer.MembershipAddView.as_view(), name="beheer-membership-add"
    ),
    path(
        MEMBER + "rollen/<int:membership>/",
        beheer.MembershipEditView.as_view(),
        name="beheer-membership",
    ),
    path(
        MEMBER + "rollen/<int:membership>/beeindigen/",
        beheer.MembershipEndView.as_view(),
        name="beheer-membership-end",
    ),
]
