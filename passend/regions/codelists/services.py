"""Writes of the code lists of a region, by the beheerder (and, for the social map's search
vocabularies, the coordinator sociale kaart): add, change, (de)activate, delete when unused.

Code lists are not personal data; like the team settings, every change leaves a trace in the
access log (who changed which list), without the labels themselves."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from passend.audit.models import Action
from passend.audit.services import log_access
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict

from .registry import CodeList
from .selectors import in_use

EDITABLE = ("label_nl", "label_en", "order")
CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _check_may_manage(code_list: CodeList, team, actor) -> None:
    if not code_list.may_manage(actor, team):
        raise NotAllowed(
            _("Alleen de beheerder van het team beheert de lijst '%(list)s'.")
            % {"list": code_list.title}
        )


def _log(request, team, code_list: CodeList, action, item, what: str) -> None:
    if request is None:  # a call from code (demo data, a shell), not by a user
        return
    log_access(
        request,
        action=action,
        subject_type="codelijst",
        subject_ids=[item.pk],
        purpose=f"codelijst {code_list.slug} {what}",
        team=team,
    )


def _clean(item, code_list: CodeList, *, labels: bool = True) -> None:
    """`labels`: the labels are being set, so both are required (an item from before the
    English labels can still be (de)activated or reordered without one)."""
    errors = {}
    for name in ("label_nl", "label_en"):
        setattr(item, name, " ".join(str(getattr(item, name) or "").split()))
    if not item.label_nl:
        errors["label_nl"] = [_("Vul de Nederlandse omschrijving in.")]
    if labels and not item.label_en:
        errors["label_en"] = [_("Vul de Engelse omschrijving in.")]
    if not item.code:
        errors["code"] = [_("Vul een code in.")]
    elif not CODE.fullmatch(item.code):
        errors["code"] = [
            _(
                "Een code bestaat uit kleine letters, cijfers en streepjes, bijvoorbeeld "
                "'angst-somberheid'."
            )
        ]
    if code_list.per_gemeente:
        gemeente = item.gemeente if item.gemeente_id else None
        if gemeente is None:
            errors["gemeente"] = [_("Kies de gemeente waar de wijk in ligt.")]
        elif gemeente.region_id != item.region_id:
            errors["gemeente"] = [_("Kies een gemeente van deze jeugdregio.")]
    if errors:
        raise InvalidInput(errors=errors)
    duplicate = (
        code_list.model.objects.filter(region_id=item.region_id, code=item.code)
        .exclude(pk=item.pk)
        .exists()
    )
    if duplicate:
        raise InvalidInput(
            errors={"code": [_("Deze code staat al in de lijst van deze jeugdregio.")]}
        )
    try:
        item.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as invalid:
        raise InvalidInput.from_validation_error(invalid) from invalid


def _check_gemeente_given(code_list: CodeList, gemeente) -> None:
    if gemeente is not None and not code_list.per_gemeente:
        raise InvalidInput(errors={"gemeente": [_("Items van deze lijst hebben geen gemeente.")]})


def _save(item) -> None:
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as clash:  # a concurrent add of the same code
        raise InvalidInput(
            errors={"code": [_("Deze code staat al in de lijst van deze jeugdregio.")]}
        ) from clash


@transaction.atomic
def add_item(
    code_list: CodeList,
    *,
    team,
    code: str,
    label_nl: str,
    label_en: str,
    order=0,
    active=True,
    gemeente=None,
    actor,
    request=None,
):
    """A new item in the list of the team's region (a wijk: with its `gemeente`)."""
    _check_may_manage(code_list, team, actor)
    _check_gemeente_given(code_list, gemeente)
    item = code_list.model(
        region_id=team.region_id,
        code=(code or "").strip().lower(),
        label_nl=label_nl,
        label_en=label_en,
        order=order if order is not None else 0,
        active=active,
    )
    if code_list.per_gemeente:
        item.gemeente = gemeente
    _clean(item, code_list)
    _save(item)
    _log(request, team, code_list, Action.CREATE, item, "toevoegen")
    return item


@transaction.atomic
def update_item(code_list: CodeList, item, *, team, changes: dict, actor, request=None):
    """Change labels, order and active flag. The code stays: it is how imports, the API and
    saved searches name the item."""
    _check_may_manage(code_list, team, actor)
    if item.region_id != team.region_id:
        raise NotAllowed(_("Dit item hoort bij een andere jeugdregio."))
    if "code" in changes and changes["code"] != item.code:
        raise InvalidInput(errors={"code": [_("De code verandert niet; voeg een nieuw item toe.")]})
    item = code_list.model.objects.select_for_update().get(pk=item.pk)
    for name in (*EDITABLE, "active"):
        if name in changes and changes[name] is not None:
            setattr(item, name, changes[name])
    gemeente = changes.get("gemeente")
    _check_gemeente_given(code_list, gemeente)
    if gemeente is not None and gemeente.pk != item.gemeente_id:
        if in_use(item):
            raise InvalidInput(
                errors={
                    "gemeente": [
                        _(
                            "Deze wijk is al gekozen bij een casus; de gemeente verandert "
                            "daarom niet. Voeg een nieuwe wijk toe."
                        )
                    ]
                }
            )
        item.gemeente = gemeente
    _clean(item, code_list, labels=bool({"label_nl", "label_en"} & set(changes)))
    _save(item)
    _log(request, team, code_list, Action.UPDATE, item, "wijzigen")
    return item


def set_active(code_list: CodeList, item, *, team, active: bool, actor, request=None):
    """Inactive: no longer offered for new choices; records that have it keep it."""
    return update_item(
        code_list, item, team=team, changes={"active": active}, actor=actor, request=request
    )


@transaction.atomic
def delete_item(code_list: CodeList, item, *, team, actor, request=None) -> None:
    """Only an item nothing refers to; one in use is made inactive instead."""
    _check_may_manage(code_list, team, actor)
    if item.region_id != team.region_id:
        raise NotAllowed(_("Dit item hoort bij een andere jeugdregio."))
    if in_use(item):
        raise StateConflict(
            _(
                "'%(label)s' is in gebruik en kan niet worden verwijderd. Zet het op inactief: "
                "dan wordt het niet meer aangeboden, maar blijft het zichtbaar waar het al is "
                "gekozen."
            )
            % {"label": item.label}
        )
    _log(request, team, code_list, Action.DELETE, item, "verwijderen")
    item.delete()
