"""API representation of attachments (upload: multipart/form-data)."""

from rest_framework import serializers

from ..models import Bijlage


class AttachmentSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True, help_text="PDF, DOCX, JPEG of PNG; max. 10 MB.")

    class Meta:
        model = Bijlage
        fields = [
            "id",
            "file",
            "original_name",
            "description",
            "content_type",
            "size",
            "uploaded_at",
        ]
        read_only_fields = ["id", "original_name", "content_type", "size", "uploaded_at"]
