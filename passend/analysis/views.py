"""Pages of the analyse module; thin: reads via selectors, writes via services."""

from passend.cases.views import CaseSectionView


class CaseAnalyseView(CaseSectionView):
    """The 'Tijdlijn en analyse' tab of a case."""

    template_name = "analysis/case.html"
    case_tab = "analyse"
    audit_purpose = "tijdlijn en analyse bekijken"
