"""Ships the first version of the commitments charter peers sign, as a policy document of
kind "charter", so a new installation can activate peers on day one. Coordinators publish
later versions in the app; each new version asks every peer to sign again."""

from django.db import migrations
from django.utils import timezone

TEXT_EN = """As a peer supporter, I commit to:

- complete the training the institution offers before I support anyone, and keep it up to date;
- adapt to each person and each situation, and help the colleague I meet to find their own way forward;
- respect the decisions of the colleague I support, and put aside my prejudices;
- keep secret the names of the colleagues I support and everything they tell me, with one exception: when a person is in imminent danger, the law obliges me to act;
- keep the workings of the programme confidential too (assessments, group supervision);
- stay impartial;
- take part in the meetings of peer supporters and in group supervision;
- know my own limits, and hand over to a professional when a situation goes beyond them.

I confirm that I work at the institution, that I volunteer without extra pay, and that I have myself lived through a risk-management situation I can draw on."""

TEXT_FR = """En tant que pair aidant, je m’engage à :

- suivre la formation proposée par l’établissement avant d’accompagner quiconque, et à l’entretenir ;
- m’adapter à chaque personne et à chaque situation, et aider le collègue que je rencontre à trouver son propre chemin ;
- respecter les décisions du collègue que j’accompagne et mettre de côté mes préjugés ;
- garder secrets les noms des collègues que j’accompagne et tout ce qu’ils me confient, à une exception près : lorsqu’une personne est en danger imminent, la loi m’oblige à agir ;
- garder confidentiel aussi le fonctionnement du dispositif (évaluations, supervisions de groupe) ;
- rester impartial ;
- participer aux réunions des pairs aidants et à la supervision de groupe ;
- connaître mes propres limites et passer le relais à un professionnel lorsqu’une situation les dépasse.

Je confirme travailler dans l’établissement, être volontaire sans rémunération supplémentaire, et avoir moi-même vécu une situation de gestion des risques sur laquelle je peux m’appuyer."""


def create_commitments_charter(apps, schema_editor):
    PolicyDocument = apps.get_model("resources", "PolicyDocument")
    document, _ = PolicyDocument.objects.get_or_create(
        kind="charter",
        defaults={
            "slug": "commitments-charter",
            "title_en": "Commitments charter of peer supporters",
            "title_fr": "Charte d’engagement des pairs aidants",
            "position": 3,
        },
    )
    now = timezone.now()
    document.versions.get_or_create(
        number=1,
        defaults={
            "status": "published",
            "effective_date": timezone.localdate(),
            "change_note_en": "First version.",
            "change_note_fr": "Première version.",
            "body_en": TEXT_EN,
            "body_fr": TEXT_FR,
            "published_at": now,
            "en_changed_at": now,
            "fr_changed_at": now,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("resources", "0002_default_content")]

    operations = [migrations.RunPython(create_commitments_charter, migrations.RunPython.noop)]
