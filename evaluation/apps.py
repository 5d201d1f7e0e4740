from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Programme evaluation")

    def seed_demo(self, accounts):
        """A year of anonymous feedback counts, a closed awareness survey, four headcounts."""
        from evaluation import demo

        return f"{demo.seed()} evaluation data set(s) created"

    demo_summary_position = 3
