import datetime
import re

from rest_framework import serializers

from peer.models import History, PlateRequest

PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
PLATE = re.compile(r"^\s*(\d{2})\s*(الف)\s*(\d{3})\s*[-\s]*(?:ایران)?\s*(\d{2})\s*$")
VIN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
MOBILE = re.compile(r"^(?:\+98|0)?9\d{9}$")
VEHICLE_TYPES = ["passenger_car", "van", "pickup", "truck", "bus", "minibus", "motorcycle", "other"]
REASONS = ["scrapping", "transfer", "theft", "other"]


def jalali_to_gregorian(jy, jm, jd):
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
    days += (jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    months = [0, 31, 29 if (gy % 4 == 0 and gy % 100 != 0) or gy % 400 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    gm = 1
    while gm <= 12 and gd > months[gm]:
        gd -= months[gm]
        gm += 1
    return datetime.date(gy, gm, gd)


class VehicleSerializer(serializers.Serializer):
    plate = serializers.CharField(max_length=64)
    vin = serializers.CharField(max_length=40)
    engine_number = serializers.CharField(max_length=30)
    make = serializers.CharField(max_length=100)
    model = serializers.CharField(max_length=100)
    year = serializers.IntegerField(min_value=1300)
    vehicle_type = serializers.ChoiceField(VEHICLE_TYPES)

    def validate_plate(self, value):
        m = PLATE.match(value.translate(PERSIAN_DIGITS))
        if not m:
            raise serializers.ValidationError("پلاک نامعتبر است.")
        return f"{m.group(1)}{m.group(2)}{m.group(3)}-{m.group(4)}"

    def validate_vin(self, value):
        v = value.translate(PERSIAN_DIGITS).replace(" ", "").replace("-", "").upper()
        if not VIN.match(v) or v.isdigit():
            raise serializers.ValidationError("شماره VIN نامعتبر است.")
        return v

    def validate_year(self, value):
        if value > datetime.date.today().year:
            raise serializers.ValidationError("سال ساخت در آینده است.")
        return value


class LetterSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=100)
    date = serializers.CharField(max_length=10)

    def validate_date(self, value):
        m = re.match(r"^(\d{4})/(\d{1,2})/(\d{1,2})$", value.translate(PERSIAN_DIGITS))
        try:
            d = jalali_to_gregorian(*map(int, m.groups())) if m else datetime.date.fromisoformat(value)
        except ValueError:
            raise serializers.ValidationError("تاریخ نامه نامعتبر است.")
        if d > datetime.date.today():
            raise serializers.ValidationError("تاریخ نامه در آینده است.")
        return d


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    mobile = serializers.CharField(max_length=20)

    def validate_mobile(self, value):
        v = value.translate(PERSIAN_DIGITS)
        if not MOBILE.match(v):
            raise serializers.ValidationError("شماره همراه نامعتبر است.")
        return "0" + v[-10:]


class CreateRequestSerializer(serializers.Serializer):
    vehicle = VehicleSerializer()
    reason = serializers.ChoiceField(REASONS)
    letter = LetterSerializer()
    contact = ContactSerializer()


class HistorySerializer(serializers.ModelSerializer):
    class Meta:
        model = History
        fields = ["from_status", "to_status", "action", "actor_id", "at"]


class RequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlateRequest
        fields = [
            "id", "tracking_code", "status", "organisation_id", "plate", "vin", "engine_number", "make", "model",
            "model_year", "vehicle_type", "reason", "letter_number", "letter_date", "contact_name",
            "contact_mobile", "version", "created_at", "updated_at",
        ]
