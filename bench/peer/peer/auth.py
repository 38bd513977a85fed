from rest_framework import exceptions
from rest_framework_simplejwt.authentication import JWTAuthentication

from peer.models import Session


class SessionJWTAuthentication(JWTAuthentication):
    """simplejwt's check (signature, expiry, user exists and is active) plus the session row,
    so that a logout or a password change takes effect on the next call, as in plate-permits."""

    def get_user(self, validated_token):
        user = super().get_user(validated_token)
        sid = validated_token.get("sid")
        org = (
            Session.objects.filter(id=sid, user_id=user.pk, revoked_at__isnull=True)
            .values_list("user__profile__organisation_id", flat=True)
            .first()
            if sid
            else None
        )
        if org is None:
            raise exceptions.AuthenticationFailed("session revoked", code="session_revoked")
        user.organisation_id = org
        return user
