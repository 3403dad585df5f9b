"""Reads of the code lists of a team's region (who may read them: registry.CodeList)."""

from django.db.models import QuerySet
from django.http import Http404

from passend.accounts.permissions import deny_404

from .registry import CODE_LISTS, CodeList, lists_for


def code_list_or_404(request, team, slug: str) -> CodeList:
    """The code list of the URL when the user manages it in `team`; otherwise 404 (an unknown
    list) or one denied entry and 404 (a list the user does not manage)."""
    code_list = CODE_LISTS.get(slug)
    if code_list is None:
        raise Http404
    if not code_list.may_manage(request.user, team):
        deny_404(request, subject_type="codelijst", subject_id=slug, purpose="codelijst", team=team)
    return code_list


def items(team, code_list: CodeList) -> QuerySet:
    """All items of the list in the team's region, active and inactive, in the list's order
    (wijken per municipality)."""
    qs = code_list.model.objects.of_region(team.region_id)
    if code_list.per_gemeente:
        return qs.select_related("gemeente").order_by("gemeente__name", "order", "label_nl", "pk")
    return qs.order_by("order", "label_nl", "pk")


def item_or_404(request, team, code_list: CodeList, pk):
    """An item of the list in the team's region; one of another region is not found (404 and
    one denied entry)."""
    try:
        found = items(team, code_list).filter(pk=pk).first()
    except (ValueError, TypeError, OverflowError):
        found = None
    if found is None:
        deny_404(
            request,
            subject_type="codelijst-item",
            subject_id=pk,
            purpose=f"codelijst {code_list.slug}",
            team=team,
        )
    return found


def overview(user, team) -> list[dict]:
    """Per list the user manages: the list, its number of items and of active items."""
    rows = []
    for code_list in lists_for(user, team):
        qs = items(team, code_list)
        rows.append(
            {"list": code_list, "total": qs.count(), "active": qs.filter(active=True).count()}
        )
    return rows


def in_use(item) -> bool:
    """Whether any record refers to the item (a case, an offer, a timeline episode, ...)."""
    for rel in item._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and rel.is_relation):
            continue
        if rel.related_model._meta.auto_created:
            continue  # the through table of a many-to-many: the relation itself is checked
        if rel.related_model.objects.filter(**{rel.field.name: item}).exists():
            return True
    return False
