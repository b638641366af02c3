"""Wagtail pages and snippets of the public site, one module per page family."""
from .case_studies import CaseStudyIndexPage, CaseStudyPage, CaseStudyPresenter, CaseStudyTag
from .home import HomePage
from .information import AccessibilityStatementPage, PrivacyNoticePage
from .reports import ProgrammeReportIndexPage, ProgrammeReportPage
from .resource_pages import ResourceIndexPage, ResourcePage, ResourceTag
from .taxonomy import ResourceCategory, Topic

__all__ = [
    "AccessibilityStatementPage",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudyPresenter",
    "CaseStudyTag",
    "HomePage",
    "PrivacyNoticePage",
    "ProgrammeReportIndexPage",
    "ProgrammeReportPage",
    "ResourceCategory",
    "ResourceIndexPage",
    "ResourcePage",
    "ResourceTag",
    "Topic",
]
