from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "passend.meetings"
    label = "meetings"
    verbose_name = "Overleg"
