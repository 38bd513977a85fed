"""Seeds one organisation, one active user with one open session, and N requests with their
history; prints JSON with the access token (simplejwt, with the session id) and the ids."""
import datetime
import json
import secrets

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from rest_framework_simplejwt.tokens import AccessToken

from peer.models import History, Organisation, PlateRequest, Profile, Session


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=2000)

    def handle(self, *args, **opts):
        with transaction.atomic():
            org = Organisation.objects.create(name="سازمان نمونه")
            user = User.objects.create_user("bench-agency", password="bench-password-123")
            Profile.objects.create(user=user, organisation=org, role="agency")
            session = Session.objects.create(user=user)
            rows = [
                PlateRequest(
                    tracking_code=secrets.token_hex(6).upper(), organisation=org, created_by=user,
                    plate=f"{10 + n % 90}الف{100 + (n // 90) % 900}-{10 + (n // 81000) % 90}",
                    vin=f"SEED{n:013d}", engine_number="E1", make="ایران خودرو", model="سمند",
                    model_year=1395, vehicle_type="passenger_car", reason="scrapping",
                    letter_number="1/2", letter_date=datetime.date(2024, 11, 5),
                    contact_name="رضا احمدی", contact_mobile="09141234567",
                )
                for n in range(opts["requests"])
            ]
            PlateRequest.objects.bulk_create(rows, batch_size=500)
            History.objects.bulk_create(
                [History(request=r, actor=user, to_status="submitted", action="submit") for r in rows], batch_size=500
            )
        token = AccessToken.for_user(user)
        token["sid"] = str(session.id)
        print(json.dumps({"token": str(token), "ids": [str(r.id) for r in rows[:200]]}))
