"""Pages of the advies module; thin: reads via selectors, writes via services."""

from passend.cases.views import CaseSectionView


class CaseAdviesView(CaseSectionView):
    """The 'Advies' tab of a case."""

    template_name = "advice/case.html"
    case_tab = "advies"
    audit_purpose = "advies bekijken"
