"""Pages of the overleg module; thin: reads via selectors, writes via services."""

from passend.cases.views import CaseSectionView


class CaseOverlegView(CaseSectionView):
    """The 'Overleg' tab of a case."""

    template_name = "meetings/case.html"
    case_tab = "overleg"
    audit_purpose = "overleggen van de casus bekijken"
