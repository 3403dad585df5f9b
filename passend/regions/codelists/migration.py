"""Data migration helper: code lists that were global become per region.

Strategy (the same for the five lists):
- no region exists: nothing can refer to a region's list, so the global rows are removed (a
  region created later gets the standard lists, see defaults.py); if rows are still referenced
  (an offer of an organisation without region), the migration stops with an explanation;
- one region: every row is assigned to it;
- several regions: every row is assigned to the first region (lowest id) and copied, with the
  same code, labels, active flag and order, into every other region. A record that refers to a
  row is pointed at the copy of its own region when that region is determinable (a case: its
  team's region; an offer or profile: its organisation's region, when the organisation is active
  in exactly one region). Otherwise it keeps the original row (first region): the search matches
  on codes, which are the same in every region.
Rows without an English label get the standard English label of their code, if there is one.
"""

from .defaults import DEFAULTS


def _references(Owner, field_name, path):
    regions: dict[int, set] = {}
    for pk, region_id in Owner.objects.values_list("pk", path):
        regions.setdefault(pk, set()).add(region_id)
    return {pk: ids - {None} for pk, ids in regions.items()}


def _target(copies, owner_regions, owner_pk, item_pk):
    """The copy in the owner's region when that is one region, else the row itself."""
    regions = owner_regions.get(owner_pk, set())
    if len(regions) == 1:
        return copies.get((item_pk, next(iter(regions))), item_pk)
    return item_pk


def scope_to_regions(apps, model_name: str, references) -> None:
    """`references`: (app_label, model, field, lookup path from that model to its region)."""
    Region = apps.get_model("regions", "Region")
    Model = apps.get_model(model_name)
    english = {code: en for code, _nl, en in DEFAULTS.get(model_name, [])}
    for item in Model.objects.filter(label_en=""):
        if item.code in english:
            item.label_en = english[item.code]
            item.save(update_fields=["label_en"])

    region_ids = list(Region.objects.order_by("pk").values_list("pk", flat=True))
    if not region_ids:
        for app_label, owner, field_name, _path in references:
            Owner = apps.get_model(app_label, owner)
            if Owner.objects.exclude(**{f"{field_name}__isnull": True}).exists():
                raise RuntimeError(
                    f"{model_name}: rows are used by {owner}.{field_name} but no region exists "
                    "to assign them to. Create a region first, then migrate again."
                )
        Model.objects.all().delete()
        return

    first, others = region_ids[0], region_ids[1:]
    items = list(Model.objects.order_by("pk"))
    Model.objects.update(region_id=first)
    copies: dict[tuple[int, int], int] = {}
    for item in items:
        copies[(item.pk, first)] = item.pk
        for region_id in others:
            copy = Model.objects.create(
                region_id=region_id,
                code=item.code,
                label_nl=item.label_nl,
                label_en=item.label_en,
                active=item.active,
                order=item.order,
            )
            copies[(item.pk, region_id)] = copy.pk
    if not others:
        return

    for app_label, owner, field_name, path in references:
        Owner = apps.get_model(app_label, owner)
        owner_regions = _references(Owner, field_name, path)

        field = Owner._meta.get_field(field_name)
        if field.many_to_many:
            through = field.remote_field.through
            source, dest = field.m2m_field_name(), field.m2m_reverse_field_name()
            for row in through.objects.all():
                item_pk = getattr(row, f"{dest}_id")
                new = _target(copies, owner_regions, getattr(row, f"{source}_id"), item_pk)
                if new != item_pk:
                    through.objects.filter(pk=row.pk).update(**{f"{dest}_id": new})
        else:
            rows = Owner.objects.exclude(**{f"{field_name}__isnull": True})
            for owner_pk, item_pk in rows.values_list("pk", f"{field_name}_id"):
                new = _target(copies, owner_regions, owner_pk, item_pk)
                if new != item_pk:
                    Owner.objects.filter(pk=owner_pk).update(**{f"{field_name}_id": new})
