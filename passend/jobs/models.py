"""One row per job: what kind, for which team, how many attempts, and how it ended.

django-tasks keeps one result row per attempt (`django_tasks_db.DBTaskResult`, with the
traceback, for platform staff in django-admin); this row follows the job across its retries
and is what a team's beheerder sees. It holds no arguments and no error text: the kind, the
team, the counts, the times and the class of the last error.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        RETRYING = "retrying", _("Wordt opnieuw geprobeerd")
        FAILED = "failed", _("Mislukt")
        SUCCEEDED = "succeeded", _("Gelukt")

    kind = models.CharField(max_length=200)  # dotted path of the task or mail renderer
    team = models.ForeignKey(
        "regions.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error_class = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        indexes = [models.Index(fields=["team", "status"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"
