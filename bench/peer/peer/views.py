import secrets

from django.db import IntegrityError, transaction
from django.db.models import Q
from rest_framework import status
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from peer.models import OPEN, History, PlateRequest
from peer.serializers import CreateRequestSerializer, RequestSerializer


class RequestDetail(APIView):
    """Authenticated detail read, scoped to the caller's organisation (404 otherwise)."""

    def get(self, request, pk):
        row = get_object_or_404(PlateRequest, pk=pk, organisation_id=request.user.organisation_id)
        return Response(RequestSerializer(row).data)


class RequestCreate(APIView):
    """Validated create: 409 when the vehicle has an open request; the request and its first
    history row in one immediate transaction."""

    def post(self, request):
        body = CreateRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        v, letter, contact = body.validated_data["vehicle"], body.validated_data["letter"], body.validated_data["contact"]
        try:
            with transaction.atomic():
                if PlateRequest.objects.filter(Q(plate=v["plate"]) | Q(vin=v["vin"]), status__in=OPEN).exists():
                    return Response({"code": "duplicate"}, status=status.HTTP_409_CONFLICT)
                row = PlateRequest.objects.create(
                    tracking_code=secrets.token_hex(6).upper(),
                    organisation_id=request.user.organisation_id,
                    created_by=request.user,
                    plate=v["plate"], vin=v["vin"], engine_number=v["engine_number"], make=v["make"],
                    model=v["model"], model_year=v["year"], vehicle_type=v["vehicle_type"],
                    reason=body.validated_data["reason"], letter_number=letter["number"],
                    letter_date=letter["date"], contact_name=contact["name"], contact_mobile=contact["mobile"],
                )
                History.objects.create(request=row, actor=request.user, to_status="submitted", action="submit")
        except IntegrityError:
            return Response({"code": "duplicate"}, status=status.HTTP_409_CONFLICT)
        return Response(RequestSerializer(row).data, status=status.HTTP_201_CREATED)
