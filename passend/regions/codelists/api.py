"""API of the code lists of a team's region: /teams/{teamId}/code-lists/{codeList}[/{itemId}].

The same rules and refusals as the beheer pages: the team must be the user's (404), the list
one the user manages there (404 with one denied entry), an item one of the team's region."""

from django.utils.functional import cached_property
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.response import Response

from passend.accounts.permissions import require_team_or_404
from passend.accounts.roles import Cap

from . import selectors, services
from .registry import CODE_LISTS
from .serializers import CodeItemSerializer, CodeItemUpdateSerializer

TEAM_ID = OpenApiParameter("teamId", int, OpenApiParameter.PATH, description="Expertteam.")
CODE_LIST = OpenApiParameter(
    "codeList",
    str,
    OpenApiParameter.PATH,
    enum=list(CODE_LISTS),
    description="De codelijst. Redenen, leefgebieden, problematiek en wijken: de beheerder; de "
    "zoeklijsten van de sociale kaart ook de coördinator sociale kaart. Een wijk hoort bij een "
    "gemeente van de jeugdregio (gemeente, verplicht bij wijken).",
)
ITEM_ID = OpenApiParameter("itemId", int, OpenApiParameter.PATH, description="Item.")


class _CodeListAPI(viewsets.GenericViewSet):
    personal_data = False
    serializer_class = CodeItemSerializer
    pagination_class = None

    @cached_property
    def team(self):
        return require_team_or_404(
            self.request,
            capability=Cap.VIEW_TEAM,
            purpose="codelijsten beheren",
            pk=self.kwargs["teamId"],
        )

    @cached_property
    def code_list(self):
        return selectors.code_list_or_404(self.request, self.team, self.kwargs["codeList"])

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.code_list  # noqa: B018 - refuse (404) before reading the body

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CODE_LISTS["redenen"].model.objects.none()
        return selectors.items(self.team, self.code_list)


@extend_schema_view(
    list=extend_schema(
        summary="Codelijst",
        description="Alle items van de codelijst van de jeugdregio van het team, ook inactieve.",
    ),
    create=extend_schema(
        summary="Item toevoegen",
        description="Een nieuw item in de codelijst van de jeugdregio van het team; de code is "
        "uniek binnen de lijst van de regio.",
    ),
)
@extend_schema(tags=["Regio's en teams"], parameters=[TEAM_ID, CODE_LIST])
class CodeListViewSet(_CodeListAPI):
    def list(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.add_item(
            self.code_list,
            team=self.team,
            actor=request.user,
            request=request,
            **serializer.validated_data,
        )
        return Response(self.get_serializer(item).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(summary="Item van een codelijst", description="Eén item."),
    partial_update=extend_schema(
        summary="Item wijzigen",
        description="Omschrijvingen, volgorde of actief; de code verandert niet.",
        request=CodeItemUpdateSerializer,
        responses=CodeItemSerializer,
    ),
)
@extend_schema(tags=["Regio's en teams"], parameters=[TEAM_ID, CODE_LIST, ITEM_ID])
class CodeItemViewSet(_CodeListAPI):
    def get_object(self):
        return selectors.item_or_404(self.request, self.team, self.code_list, self.kwargs["itemId"])

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        serializer = CodeItemUpdateSerializer(item, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        item = services.update_item(
            self.code_list,
            item,
            team=self.team,
            changes=serializer.validated_data,
            actor=request.user,
            request=request,
        )
        return Response(self.get_serializer(item).data)
