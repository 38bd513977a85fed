import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.CharField(max_length=200)


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    role = models.CharField(max_length=20)


class Session(models.Model):
    """A sign-in: revoked on logout or password change; checked on every call like ours."""
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    revoked_at = models.DateTimeField(null=True)


OPEN = ["submitted", "under_review", "approved"]


class PlateRequest(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    tracking_code = models.CharField(max_length=20, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    status = models.CharField(max_length=20, default="submitted")
    plate = models.CharField(max_length=32)
    vin = models.CharField(max_length=17, null=True)
    engine_number = models.CharField(max_length=30)
    make = models.CharField(max_length=100)
    model = models.CharField(max_length=100)
    model_year = models.IntegerField()
    vehicle_type = models.CharField(max_length=30)
    reason = models.CharField(max_length=30)
    letter_number = models.CharField(max_length=100)
    letter_date = models.DateField()
    contact_name = models.CharField(max_length=200)
    contact_mobile = models.CharField(max_length=20)
    version = models.IntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plate"], condition=Q(status__in=OPEN), name="open_plate"),
            models.UniqueConstraint(fields=["vin"], condition=Q(status__in=OPEN), name="open_vin"),
        ]


class History(models.Model):
    request = models.ForeignKey(PlateRequest, on_delete=models.CASCADE, related_name="history")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    from_status = models.CharField(max_length=20, null=True)
    to_status = models.CharField(max_length=20)
    action = models.CharField(max_length=20)
    at = models.DateTimeField(auto_now_add=True)
