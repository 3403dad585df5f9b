import json
import re
from collections import OrderedDict
from decimal import Decimal

import yaml
from django.utils.safestring import SafeString
from drf_spectacular import renderers as spectacular_renderers
from rest_framework.renderers import BaseRenderer
from yaml import SafeDumper


class PdfRenderer(BaseRenderer):
    """Lets clients ask for application/pdf; errors still come out as (problem) JSON text."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | bytearray):
            return bytes(data)
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/problem+json"
        return json.dumps(data, ensure_ascii=False).encode()


class _Yaml12SafeDumper(SafeDumper):
    """PyYAML writes YAML 1.1, where `08` is not a number and so stays unquoted; YAML 1.2 readers
    (Spectral, most OpenAPI tools) read it as the integer 8. This dumper quotes every string a
    YAML 1.2 reader would take for an integer, so enum codes like "08" keep their type."""

    def ignore_aliases(self, data):
        return True

    def represent_str(self, data):
        node = super().represent_str(str(data))
        node.style = "|" if "\n" in data else node.style
        return node


_Yaml12SafeDumper.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_Yaml12SafeDumper.add_representer(str, _Yaml12SafeDumper.represent_str)
_Yaml12SafeDumper.add_representer(SafeString, _Yaml12SafeDumper.represent_str)
_Yaml12SafeDumper.add_representer(
    Decimal,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:float" if "." in f"{value:f}" else "tag:yaml.org,2002:int",
        f"{value:f}",
    ),
)
_Yaml12SafeDumper.add_representer(
    OrderedDict, lambda dumper, value: dumper.represent_dict(dict(value))
)


class OpenApiYamlRenderer(spectacular_renderers.OpenApiYamlRenderer):
    """drf-spectacular's YAML renderer, with strings quoted for YAML 1.2 readers."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        text = yaml.dump(
            data,
            Dumper=_Yaml12SafeDumper,
            default_flow_style=False,
            sort_keys=False,
            allow_unicode=True,
        )
        return text.encode("utf-8")
