"""The content a new installation starts with, in English and French.

Written for this application from the public descriptions of second-victim programmes
(IUCT-Oncopole's staff-support pathway and peer-support policy, the UK Second Victim
Support site, a US peer-support FAQ, Trammell et al. 2024). The Quality and Risk Office
adapts it in the app: every later change is in the audit log.

Runs once: a database that already holds pages is left alone.
"""

import unicodedata

from django.db import migrations
from django.utils import timezone


def fold(text):
    # A frozen copy of svsupport.lib.text.fold: a migration must not change when the
    # application's code does.
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped).casefold()


# slug, section, position, (title, summary, body) in English, then in French
PAGES = [
    (
        "pathway",
        "landing",
        0,
        (
            "The support pathway",
            "What to do after an adverse event or any hard situation at work, and who can help, day and night.",
            """Being involved in an adverse event, a near miss or a difficult situation with a patient can
shake anyone, whatever their job and experience. Feeling upset, guilty or numb afterwards is a
normal reaction, not a sign of weakness. The patient always comes first; you matter too.

Our hospital offers a pathway in several steps. You can take them in order, skip one, or come
back to one later: **you decide what you need**.

If you are in distress right now, go straight to the [24/7 help](/resources/pages/help-24-7/).
""",
        ),
        (
            "Le parcours de soutien",
            "Que faire après un événement indésirable ou toute situation difficile au travail, et qui peut vous aider, de jour comme de nuit.",
            """Être impliqué dans un événement indésirable, un presque-accident ou une situation difficile
avec un patient peut ébranler n'importe qui, quels que soient son métier et son expérience. Se
sentir bouleversé, coupable ou vidé ensuite est une réaction normale, pas une faiblesse. Le
patient passe toujours en premier ; vous comptez aussi.

Notre établissement propose un parcours en plusieurs étapes. Vous pouvez les suivre dans
l'ordre, en sauter une ou y revenir plus tard : **c'est vous qui décidez de ce dont vous avez besoin**.

Si vous êtes en détresse maintenant, allez directement à l'[aide 24 h/24](/resources/pages/help-24-7/).
""",
        ),
    ),
    (
        "emotional-first-aid",
        "pathway",
        1,
        (
            "Emotional first aid",
            "Right after the event, tell a colleague you trust how you feel. Advice for the colleague who listens.",
            """## Right after the event

Once the patient is safe, it is normal to need to say what you feel. Turn to a colleague you
trust, on your ward or elsewhere: a few minutes of listening already help. You do not need to
tell everything, nor to find explanations straight away.

## For the colleague who listens

- Find a quiet place and take a little time, even a few minutes.
- Listen more than you speak. Let silences be; do not rush to reassure.
- Do not judge and do not look for who is at fault: that is not the question now.
- Say that what your colleague feels is a normal reaction to an abnormal event.
- Keep what you hear to yourself.
- Ask whether your colleague can finish the shift, and whether someone should be told.
- Mention the next steps: the debriefing with the ward's management, a peer supporter, the 24/7 lines.
- Check in again the next day or the day after.

If your colleague seems in danger, do not stay alone with it: alert the ward's management or
call the emergency number (15 or 112).
""",
        ),
        (
            "Premiers secours émotionnels",
            "Juste après l'événement, dites à un collègue de confiance ce que vous ressentez. Conseils pour le collègue qui écoute.",
            """## Juste après l'événement

Une fois le patient en sécurité, il est normal d'avoir besoin de dire ce que l'on ressent.
Tournez-vous vers un collègue de confiance, de votre service ou d'ailleurs : quelques minutes
d'écoute aident déjà. Vous n'avez pas à tout raconter, ni à trouver tout de suite des explications.

## Pour le collègue qui écoute

- Trouvez un endroit calme et prenez un peu de temps, même quelques minutes.
- Écoutez plus que vous ne parlez. Laissez les silences ; ne vous précipitez pas pour rassurer.
- Ne jugez pas et ne cherchez pas de responsable : ce n'est pas la question maintenant.
- Dites que ce que ressent votre collègue est une réaction normale à un événement anormal.
- Gardez pour vous ce que vous entendez.
- Demandez si votre collègue peut finir son poste, et si quelqu'un doit être prévenu.
- Parlez des étapes suivantes : le débriefing avec l'encadrement du service, un pair aidant, les lignes 24 h/24.
- Reprenez des nouvelles le lendemain ou le surlendemain.

Si votre collègue vous semble en danger, ne restez pas seul avec cela : alertez l'encadrement
du service ou appelez le numéro d'urgence (15 ou 112).
""",
        ),
    ),
    (
        "stage-1-debriefing",
        "pathway",
        2,
        (
            "Stage 1: debriefing with the ward's management",
            "You and the ward's management decide together on the patient's care, how the work goes on, and how you are looked after.",
            """## Why a debriefing

The first aim is the patient's safety. Soon after the event, the professional involved meets
the ward's management (the head nurse, the head of department or the manager on duty) to take
stock calmly. It is not an investigation and not a disciplinary step.

## What you decide together

- **The patient's care**: what must be done now for the patient and the family, and who does it.
- **How the ward's work goes on**: whether you continue your shift, change tasks for a while, or
  hand over; who replaces you if needed.
- **How you are looked after** while the situation settles: who checks on you, when you talk
  again, and whether you wish to meet a peer supporter.

## Good to know

You may bring a colleague you trust. You may ask for a break before the debriefing. Facts are
written in the incident report; your feelings are not.
""",
        ),
        (
            "Étape 1 : débriefing avec l'encadrement du service",
            "Vous décidez avec l'encadrement du service de la prise en charge du patient, de la poursuite de l'activité et de votre accompagnement.",
            """## Pourquoi un débriefing

Le premier objectif est la sécurité du patient. Peu après l'événement, le professionnel
concerné rencontre l'encadrement du service (cadre de santé, chef de service ou cadre de garde)
pour faire le point dans le calme. Ce n'est ni une enquête ni une démarche disciplinaire.

## Ce que vous décidez ensemble

- **La prise en charge du patient** : ce qu'il faut faire maintenant pour le patient et ses proches, et qui s'en charge.
- **La poursuite de l'activité du service** : continuer votre poste, changer de tâches un moment
  ou passer le relais ; qui vous remplace si besoin.
- **Votre accompagnement** le temps que la situation se stabilise : qui prend de vos nouvelles,
  quand vous en reparlez, et si vous souhaitez rencontrer un pair aidant.

## Bon à savoir

Vous pouvez venir avec un collègue de confiance. Vous pouvez demander une pause avant le
débriefing. Les faits sont consignés dans la déclaration d'événement ; vos émotions, non.
""",
        ),
    ),
    (
        "stage-2-meet-a-peer",
        "pathway",
        3,
        (
            "Stage 2: meet a peer supporter",
            "A trained colleague from the hospital listens to you in confidence, if and when you wish.",
            """## What a peer supporter is

A peer supporter is a colleague from the hospital, a volunteer trained to listen to a
professional who has lived a hard event. Peers come from every profession: nurses, physicians,
pharmacists, technicians, administrative staff and more. You choose the one you feel
comfortable with, often from another team.

A meeting is a conversation between colleagues, not therapy: it helps you put words on what
happened, feel less alone and find what will help you get better.

## What every peer supporter commits to

- to deserve the trust you place in them;
- to have completed the hospital's training, and to keep learning in group supervision;
- to respect your decisions: you lead, they do not decide for you;
- to set aside prejudice and preconceived ideas about you or the event;
- to keep your name and what you say confidential.

The only exception to confidentiality is imminent danger to you or someone else: the law then
obliges the peer to act, and they tell you so.

## What is recorded

Only that a meeting took place, and when. Never what was said.
""",
        ),
        (
            "Étape 2 : rencontrer un pair aidant",
            "Un collègue formé de l'établissement vous écoute en toute confidentialité, si et quand vous le souhaitez.",
            """## Qu'est-ce qu'un pair aidant

Un pair aidant est un collègue de l'établissement, volontaire, formé pour écouter un
professionnel qui a vécu un événement difficile. Les pairs exercent tous les métiers :
infirmiers, médecins, pharmaciens, techniciens, personnels administratifs et d'autres encore.
Vous choisissez celui avec qui vous vous sentez à l'aise, souvent d'une autre équipe.

Une rencontre est une conversation entre collègues, pas une thérapie : elle aide à mettre des
mots sur ce qui s'est passé, à se sentir moins seul et à trouver ce qui aidera à aller mieux.

## Ce à quoi s'engage chaque pair aidant

- être digne de la confiance que vous lui accordez ;
- avoir suivi la formation de l'établissement, et continuer à se former en supervision de groupe ;
- respecter vos décisions : c'est vous qui menez, il ne décide pas à votre place ;
- mettre de côté préjugés et idées reçues sur vous ou sur l'événement ;
- garder confidentiels votre nom et vos paroles.

La seule exception à la confidentialité est un danger imminent pour vous ou pour autrui : la loi
oblige alors le pair à agir, et il vous le dit.

## Ce qui est enregistré

Seulement qu'une rencontre a eu lieu, et quand. Jamais ce qui s'y est dit.
""",
        ),
    ),
    (
        "stage-3-psychological-support",
        "pathway",
        4,
        (
            "Stage 3: psychological support",
            "When you need more than listening: the occupational psychologist, or external psychologists paid for by the hospital.",
            """## When it can help

If sleep, mood or concentration stay affected after a few weeks, or if the event brings back
older wounds, talking to a psychologist can help. Asking for it is a sensible step, not a failure.

## Who you can see

- **The occupational psychologist** of the hospital, through the occupational health service.
- **External psychologists** working under an agreement with the hospital: the consultations are
  paid for by the hospital, and the hospital is not told what is said.

## How to get an appointment

Call the occupational health service, or ask your peer supporter or the Quality and Risk Office
to tell you whom to contact. You do not need to explain the event to book an appointment.
""",
        ),
        (
            "Étape 3 : soutien psychologique",
            "Quand l'écoute ne suffit pas : le psychologue du travail, ou des psychologues extérieurs pris en charge par l'établissement.",
            """## Quand cela peut aider

Si le sommeil, l'humeur ou la concentration restent perturbés après quelques semaines, ou si
l'événement réveille des blessures plus anciennes, parler à un psychologue peut aider. Le
demander est une démarche raisonnable, pas un échec.

## Qui consulter

- **Le psychologue du travail** de l'établissement, par le service de santé au travail.
- **Des psychologues extérieurs** liés à l'établissement par une convention : les consultations
  sont prises en charge par l'établissement, qui n'apprend rien de leur contenu.

## Comment obtenir un rendez-vous

Appelez le service de santé au travail, ou demandez à votre pair aidant ou au service Qualité et
Gestion des risques qui contacter. Vous n'avez pas à raconter l'événement pour prendre rendez-vous.
""",
        ),
    ),
    (
        "help-24-7",
        "pathway",
        5,
        (
            "Help day and night",
            "Anonymous, confidential telephone lines, outside the hospital, answer health professionals 24 hours a day.",
            """At night, at the weekend, or when you would rather talk to someone outside the hospital,
these lines listen to health professionals in difficulty. They are **external**,
**anonymous** and **confidential**: you do not have to give your name or your workplace.
""",
        ),
        (
            "Aide de jour comme de nuit",
            "Des lignes téléphoniques extérieures, anonymes et confidentielles, répondent aux professionnels de santé 24 h/24.",
            """La nuit, le week-end, ou quand vous préférez parler à quelqu'un d'extérieur à l'établissement,
ces lignes écoutent les professionnels de santé en difficulté. Elles sont **extérieures**,
**anonymes** et **confidentielles** : vous n'avez à donner ni votre nom ni votre lieu de travail.
""",
        ),
    ),
    (
        "root-cause-analysis",
        "pathway",
        6,
        (
            "Taking part in the root cause analysis",
            "Understanding what led to the event, in confidence: looking for contributing factors, not for someone to blame.",
            """## What it is

After a serious event, the hospital analyses it to understand how it could happen and to put
barriers in place so that it does not happen again. The analysis looks at everything that may
have contributed: organisation, workload, equipment, communication, procedures.

## Why taking part helps

Many professionals say that understanding the chain of causes helped them move on. Your view
of what happened is valuable, and the analysis often shows that the event did not come down
to one person.

## What to expect

- The analysis is **confidential**: what is said there stays within the group that conducts it.
- Its purpose is **not to find someone to blame**.
- You may ask questions about the process, bring a colleague you trust, and ask to be told what changes follow.
- If the analysis is hard for you, say so: your peer supporter can help you prepare.
""",
        ),
        (
            "Participer à l'analyse des causes",
            "Comprendre ce qui a mené à l'événement, en toute confidentialité : chercher les facteurs, pas un coupable.",
            """## De quoi s'agit-il

Après un événement grave, l'établissement l'analyse pour comprendre comment il a pu se produire
et mettre en place des barrières afin qu'il ne se reproduise pas. L'analyse examine tout ce qui
a pu y contribuer : organisation, charge de travail, matériel, communication, procédures.

## Pourquoi y participer aide

Beaucoup de professionnels disent que comprendre l'enchaînement des causes les a aidés à
avancer. Votre regard sur ce qui s'est passé est précieux, et l'analyse montre souvent que
l'événement ne tenait pas à une seule personne.

## À quoi s'attendre

- L'analyse est **confidentielle** : ce qui s'y dit reste dans le groupe qui la conduit.
- Son but n'est **pas de trouver un coupable**.
- Vous pouvez poser des questions sur la démarche, venir avec un collègue de confiance, et demander à connaître les changements qui en découlent.
- Si l'analyse est difficile pour vous, dites-le : votre pair aidant peut vous aider à vous y préparer.
""",
        ),
    ),
    (
        "feedback-lessons-learned",
        "pathway",
        7,
        (
            "Feedback and lessons learned",
            "Talking about the event as a team helps everyone improve practice and be ready for a similar situation.",
            """## Why share the lessons

When a team talks openly about an event and what it taught, practices improve, everyone feels
better prepared to face a similar situation, and people react sooner next time.

## How it works here

Feedback sessions focus on the situation and on what the team will do differently, never on
who did what wrong. Taking part is voluntary for the people involved; you may also contribute
in writing, or through a colleague, if speaking in front of the team is too hard for now.

## A few questions for the team

- What happened, and what did we expect to happen?
- What helped, and what made things harder?
- What will we change, who takes care of it, and when do we check?
""",
        ),
        (
            "Retour d'expérience",
            "Parler de l'événement en équipe aide chacun à faire évoluer les pratiques et à être prêt face à une situation semblable.",
            """## Pourquoi partager les enseignements

Quand une équipe parle ouvertement d'un événement et de ce qu'il lui a appris, les pratiques
évoluent, chacun se sent mieux préparé à une situation semblable, et l'on réagit plus tôt la
fois suivante.

## Comment cela se passe ici

Les retours d'expérience portent sur la situation et sur ce que l'équipe fera autrement,
jamais sur qui a mal fait quoi. La participation des personnes impliquées est volontaire ; vous
pouvez aussi contribuer par écrit, ou par un collègue, si parler devant l'équipe est trop
difficile pour l'instant.

## Quelques questions pour l'équipe

- Que s'est-il passé, et qu'attendions-nous ?
- Qu'est-ce qui a aidé, et qu'est-ce qui a compliqué les choses ?
- Que changeons-nous, qui s'en occupe, et quand faisons-nous le point ?
""",
        ),
    ),
    (
        "for-managers",
        "guidance",
        1,
        (
            "For managers",
            "How a patient-safety incident affects staff, how to prepare your team, and what support to offer when.",
            """## How an incident affects staff

After a patient-safety incident, the professionals involved may feel guilt, shame, fear of
sanctions, anger, or replay the event again and again. Some lose sleep or confidence; some keep
working as if nothing happened and struggle later. Without support, this can lead to
exhaustion, depression, errors, or leaving the profession.

## Preparing your team before anything happens

- Talk about second victims at a team meeting, and show where the pathway and the 24/7 lines are.
- Make sure everyone knows the peer supporters, and encourage volunteers of every profession to train.
- Show by your own words that reporting an event is expected and will not be punished.

## What to offer, and when

- **In the first hours**: check that the person is safe to continue, relieve them if needed,
  and hold the debriefing (stage 1).
- **In the first days**: offer a peer supporter, without insisting; tell the person what the
  analysis will involve; keep them informed.
- **In the following weeks**: check in again. If distress persists, suggest psychological
  support (stage 3).

## What to avoid

Looking for someone to blame, discussing the event in front of others, and assuming that
someone who says "I am fine" needs nothing.
""",
        ),
        (
            "Pour l'encadrement",
            "Comment un événement lié aux soins touche les professionnels, comment préparer votre équipe, et quel soutien proposer à quel moment.",
            """## Comment un événement touche les professionnels

Après un événement lié à la sécurité d'un patient, les professionnels impliqués peuvent
ressentir culpabilité, honte, peur des sanctions, colère, ou revivre l'événement en boucle.
Certains perdent le sommeil ou la confiance ; d'autres continuent comme si de rien n'était et
flanchent plus tard. Sans soutien, cela peut mener à l'épuisement, à la dépression, à des
erreurs ou au départ du métier.

## Préparer votre équipe avant tout événement

- Parlez des secondes victimes en réunion d'équipe, et montrez où trouver le parcours et les lignes 24 h/24.
- Veillez à ce que chacun connaisse les pairs aidants, et encouragez des volontaires de tous les métiers à se former.
- Montrez par vos propres mots que déclarer un événement est attendu et ne sera pas sanctionné.

## Que proposer, et quand

- **Dans les premières heures** : vérifiez que la personne peut continuer en sécurité,
  relayez-la si besoin, et organisez le débriefing (étape 1).
- **Dans les premiers jours** : proposez un pair aidant, sans insister ; expliquez ce que
  comportera l'analyse ; tenez la personne informée.
- **Dans les semaines suivantes** : reprenez des nouvelles. Si la détresse persiste, suggérez
  un soutien psychologique (étape 3).

## À éviter

Chercher un coupable, parler de l'événement devant d'autres, et croire que quelqu'un qui dit
« ça va » n'a besoin de rien.
""",
        ),
    ),
    (
        "for-the-organisation",
        "guidance",
        2,
        (
            "For the organisation",
            "Why a just, learning safety culture matters, the three-tier support model, and a self-assessment for your team.",
            """## Why culture matters

Incidents are reported, analysed and learned from only where people trust that they will be
treated fairly. A **just culture** separates honest mistakes, risky choices and reckless
conduct, and answers each differently: support for the first, coaching for the second,
sanctions only for the third. A **learning culture** turns each analysis into changes that
everyone can see. Both protect patients and the professionals who care for them.

## A support model in three tiers

1. **Local support**: colleagues and the ward's management offer emotional first aid and a
   debriefing, on the day.
2. **Trained peer supporters**: one to a few meetings with a volunteer colleague, soon after the event.
3. **Fast referral to professionals**: psychologists and occupational health when more is needed.

Most people find what they need in the first two tiers; the third must be quick to reach for
those who need it.

## Assess your team

Use the short self-assessment below at a team meeting: it helps a team see where it stands and
choose a first step. The answers are not saved.
""",
        ),
        (
            "Pour l'établissement",
            "Pourquoi une culture de sécurité juste et apprenante compte, le modèle de soutien à trois niveaux, et une auto-évaluation pour votre équipe.",
            """## Pourquoi la culture compte

Les événements ne sont déclarés, analysés et suivis d'enseignements que là où chacun a
confiance d'être traité équitablement. Une **culture juste** distingue l'erreur de bonne foi, le
choix risqué et la conduite imprudente, et répond à chacun différemment : du soutien pour la
première, de l'accompagnement pour le deuxième, des sanctions seulement pour la troisième. Une
**culture apprenante** fait de chaque analyse des changements visibles de tous. Les deux
protègent les patients et les professionnels qui les soignent.

## Un modèle de soutien à trois niveaux

1. **Soutien de proximité** : les collègues et l'encadrement du service offrent les premiers
   secours émotionnels et un débriefing, le jour même.
2. **Pairs aidants formés** : une à quelques rencontres avec un collègue volontaire, peu après l'événement.
3. **Orientation rapide vers des professionnels** : psychologues et santé au travail quand il faut davantage.

La plupart des personnes trouvent ce dont elles ont besoin aux deux premiers niveaux ; le
troisième doit être rapide à atteindre pour celles qui en ont besoin.

## Évaluez votre équipe

Utilisez la courte auto-évaluation ci-dessous en réunion d'équipe : elle aide une équipe à voir
où elle en est et à choisir une première action. Les réponses ne sont pas enregistrées.
""",
        ),
    ),
    (
        "signs-to-look-out-for",
        "guidance",
        3,
        (
            "Signs to look out for",
            "Signs that your health or your work is being affected, and when to seek professional help.",
            """## In the days after the event

It is common to feel, for a while: replaying the event, trouble sleeping, tiredness, irritability,
doubt about your skills, fear of making another mistake, wanting to avoid the place or the type
of patient involved. These reactions usually fade within a few weeks, especially with support.

## Signs that you should not wait

Talk to your peer supporter, your doctor or the occupational health service if, after two to
four weeks:

- you still sleep badly, or have nightmares about the event;
- you dread going to work, or avoid some tasks;
- you find it hard to concentrate, or make more slips than usual;
- you drink, smoke or take medicines more than before to cope;
- you withdraw from colleagues, friends or family;
- you think about leaving your job or the profession.

## Get help at once

If you have thoughts of harming yourself, or feel you cannot go on, do not stay alone: call one
of the 24/7 lines, your doctor, or the emergency number (15 or 112).
""",
        ),
        (
            "Signes d'alerte",
            "Les signes que votre santé ou votre travail en pâtissent, et quand chercher une aide professionnelle.",
            """## Dans les jours qui suivent l'événement

Il est fréquent de ressentir, pendant un temps : l'événement qui revient en tête, des troubles
du sommeil, de la fatigue, de l'irritabilité, des doutes sur ses compétences, la peur de se
tromper à nouveau, l'envie d'éviter le lieu ou le type de patient concerné. Ces réactions
s'atténuent en général en quelques semaines, surtout avec du soutien.

## Des signes qui ne doivent pas attendre

Parlez-en à votre pair aidant, à votre médecin ou au service de santé au travail si, au bout de
deux à quatre semaines :

- vous dormez toujours mal, ou faites des cauchemars sur l'événement ;
- vous redoutez d'aller travailler, ou évitez certaines tâches ;
- vous avez du mal à vous concentrer, ou faites plus d'étourderies que d'habitude ;
- vous buvez, fumez ou prenez des médicaments plus qu'avant pour tenir ;
- vous vous éloignez de vos collègues, de vos amis ou de votre famille ;
- vous pensez à quitter votre poste ou le métier.

## Demandez de l'aide tout de suite

Si vous avez des idées de vous faire du mal, ou le sentiment de ne plus pouvoir continuer, ne
restez pas seul : appelez l'une des lignes 24 h/24, votre médecin, ou le numéro d'urgence (15 ou 112).
""",
        ),
    ),
    (
        "faq",
        "guidance",
        4,
        (
            "Frequently asked questions",
            "Who can be a peer, what peer support is for and not for, what is recorded, confidentiality, investigations.",
            """## Who can be a peer supporter?

Anyone working at the hospital, in any role: care, support services, administration. Peers of
every profession make it easier for each person to find someone they feel close to. Volunteers
complete the hospital's training, sign the commitments charter, and are co-opted by the peers
already in place.

## Is it only for adverse events?

No. Peer support is for any hard situation at work: a patient's unexpected death, a violent
encounter, a near miss, a period of exhausting work.

## What is it not for?

- **A grievance against a colleague**: conduct between colleagues is a matter for Human Resources, not for peers.
- **Group sessions**: when a whole team was affected, the employee assistance programme or a
  mental-health professional runs a group session; peers meet one person at a time.

## What does the programme record?

Only that a meeting took place, and when. Neither what you said nor the event is written down.
Your request is seen by you, your peer and, only while it waits for a peer, the Quality and
Risk Office.

## Is everything confidential?

Yes, with one exception: if you or someone else is in imminent danger, the law obliges the peer
to act to protect them. The peer tells you before doing so whenever possible.

## What happens in an investigation?

The hospital analyses serious events to understand their causes and prevent them, not to find
someone to blame. You will be asked for your account of the facts; you may be accompanied,
and you may ask to be told the conclusions. A peer supporter is never asked to report on what
you told them.
""",
        ),
        (
            "Questions fréquentes",
            "Qui peut être pair aidant, à quoi sert le soutien par les pairs et à quoi il ne sert pas, ce qui est enregistré, la confidentialité, les enquêtes.",
            """## Qui peut être pair aidant ?

Toute personne travaillant dans l'établissement, quel que soit son métier : soins, services
supports, administration. Des pairs de tous les métiers permettent à chacun de trouver
quelqu'un de proche de lui. Les volontaires suivent la formation de l'établissement, signent la
charte d'engagement et sont cooptés par les pairs déjà en place.

## Est-ce seulement pour les événements indésirables ?

Non. Le soutien par les pairs concerne toute situation difficile au travail : le décès
inattendu d'un patient, une agression, un presque-accident, une période de travail épuisante.

## À quoi ne sert-il pas ?

- **Un différend avec un collègue** : le comportement entre collègues relève des ressources humaines, pas des pairs.
- **Les séances de groupe** : quand toute une équipe a été touchée, le programme d'aide aux
  salariés ou un professionnel de santé mentale anime une séance de groupe ; les pairs
  rencontrent une personne à la fois.

## Qu'enregistre le programme ?

Seulement qu'une rencontre a eu lieu, et quand. Ni vos paroles ni l'événement ne sont notés.
Votre demande est vue par vous, votre pair et, seulement tant qu'elle attend un pair, le
service Qualité et Gestion des risques.

## Tout est-il confidentiel ?

Oui, avec une exception : si vous-même ou quelqu'un d'autre êtes en danger imminent, la loi
oblige le pair à agir pour vous protéger. Le pair vous en parle avant de le faire chaque fois
que c'est possible.

## Que se passe-t-il lors d'une enquête ?

L'établissement analyse les événements graves pour en comprendre les causes et les prévenir, pas
pour trouver un coupable. On vous demandera votre récit des faits ; vous pouvez être
accompagné, et demander à connaître les conclusions. On ne demande jamais à un pair aidant de
rapporter ce que vous lui avez confié.
""",
        ),
    ),
    (
        "ways-to-recover",
        "guidance",
        5,
        (
            "Ways to recover",
            "Small things that help many people after a hard event, and what the hospital offers.",
            """## What helps many people

There is no right way to recover, and what helps one person may not help another. Colleagues
have found these useful:

- **Writing**: a few lines in a notebook each evening help to set thoughts down and see them change.
- **Walking** or any physical activity you enjoy, even for a quarter of an hour.
- **Breathing**: breathe in slowly for four seconds, breathe out for six, for a few minutes.
- **Rest**: keep regular hours for sleep and meals as far as your rota allows.
- **Talking**: to people close to you, to a peer supporter, to a professional.
- **Giving yourself time**: recovering is not forgetting; it is being able to think about the event without being overwhelmed.

## What the hospital offers

- peer supporters, on request, in confidence;
- the occupational health service and the occupational psychologist;
- consultations with external psychologists, paid for by the hospital;
- the 24/7 external lines, anonymous and confidential.
""",
        ),
        (
            "Prendre soin de soi",
            "De petites choses qui aident beaucoup de personnes après un événement difficile, et ce que propose l'établissement.",
            """## Ce qui aide beaucoup de personnes

Il n'y a pas de bonne façon de se remettre, et ce qui aide l'un n'aide pas forcément l'autre.
Des collègues ont trouvé utile :

- **Écrire** : quelques lignes dans un carnet chaque soir aident à poser ses pensées et à les voir évoluer.
- **Marcher**, ou toute activité physique qui vous plaît, même un quart d'heure.
- **Respirer** : inspirez lentement pendant quatre secondes, expirez pendant six, quelques minutes durant.
- **Se reposer** : gardez des heures régulières de sommeil et de repas autant que votre planning le permet.
- **Parler** : à vos proches, à un pair aidant, à un professionnel.
- **Se donner du temps** : se remettre n'est pas oublier ; c'est pouvoir penser à l'événement sans en être submergé.

## Ce que propose l'établissement

- des pairs aidants, sur demande, en toute confidentialité ;
- le service de santé au travail et le psychologue du travail ;
- des consultations de psychologues extérieurs, prises en charge par l'établissement ;
- les lignes extérieures 24 h/24, anonymes et confidentielles.
""",
        ),
    ),
]

# name, number, free call, (hours, description) in English, then in French
HOTLINES = [
    (
        "MOTS",
        "06 08 28 25 89",
        False,
        (
            "24 hours a day, 7 days a week",
            "An association that listens to and guides health professionals in difficulty. Anonymous and confidential.",
        ),
        (
            "24 h/24, 7 j/7",
            "Association qui écoute et oriente les professionnels de santé en difficulté. Anonyme et confidentiel.",
        ),
    ),
    (
        "SPS",
        "0 805 23 23 36",
        True,
        (
            "24 hours a day, 7 days a week",
            "An association's listening line for all health professionals, answered by psychologists. Anonymous and confidential.",
        ),
        (
            "24 h/24, 7 j/7",
            "Ligne d'écoute d'une association pour tous les professionnels de santé, tenue par des psychologues. Anonyme et confidentiel.",
        ),
    ),
]

STORIES = [
    (
        (
            "Example: the night I got the dose wrong",
            """*This story is an example written for the demonstration of the application. It did not
happen to a real person.*

I had been a nurse for six years. One night, with three admissions at once, I prepared a dose
ten times too strong. I noticed it myself, before the patient had any harm, but I shook for the
rest of my shift.

The next morning my head nurse took a quarter of an hour with me. She did not ask whose fault
it was; she asked how I was. A week later I met a peer supporter, a pharmacist I barely knew.
We talked for forty minutes. What helped most was hearing that what I felt was normal.

The analysis found that two vials looked almost the same. They are now stored apart.
""",
        ),
        (
            "Exemple : la nuit où je me suis trompée de dose",
            """*Ce témoignage est un exemple écrit pour la démonstration de l'application. Il n'est pas
arrivé à une personne réelle.*

J'étais infirmière depuis six ans. Une nuit, avec trois entrées en même temps, j'ai préparé une
dose dix fois trop forte. Je m'en suis rendu compte moi-même, avant que le patient ne subisse
quoi que ce soit, mais j'ai tremblé jusqu'à la fin de mon poste.

Le lendemain matin, ma cadre a pris un quart d'heure avec moi. Elle n'a pas demandé à qui était
la faute ; elle m'a demandé comment j'allais. Une semaine plus tard, j'ai rencontré un pair
aidant, un pharmacien que je connaissais à peine. Nous avons parlé quarante minutes. Ce qui
m'a le plus aidée, c'est d'entendre que ce que je ressentais était normal.

L'analyse a montré que deux flacons se ressemblaient presque. Ils sont désormais rangés séparément.
""",
        ),
    ),
    (
        (
            "Example: after the death of a young patient",
            """*This story is an example written for the demonstration of the application. It did not
happen to a real person.*

Nothing went wrong in the care, but the death of a patient my age stayed with me for weeks. I
told myself that a doctor should cope. I slept badly and avoided that corridor.

A colleague noticed and gave me the name of a peer supporter. I did not expect much. We met
twice, and she then suggested I see one of the psychologists the hospital works with. Three
sessions later I could walk down that corridor again.

I now tell the younger doctors that asking for help is part of the job.
""",
        ),
        (
            "Exemple : après le décès d'un jeune patient",
            """*Ce témoignage est un exemple écrit pour la démonstration de l'application. Il n'est pas
arrivé à une personne réelle.*

Rien ne s'était mal passé dans les soins, mais le décès d'un patient de mon âge m'a poursuivi
pendant des semaines. Je me disais qu'un médecin devait encaisser. Je dormais mal et j'évitais
ce couloir.

Une collègue s'en est aperçue et m'a donné le nom d'une paire aidante. Je n'en attendais pas
grand-chose. Nous nous sommes vus deux fois, puis elle m'a suggéré de consulter l'un des
psychologues avec lesquels travaille l'établissement. Trois séances plus tard, je pouvais de
nouveau emprunter ce couloir.

Aujourd'hui je dis aux jeunes médecins que demander de l'aide fait partie du métier.
""",
        ),
    ),
]

# kind, slug, position, titles (en, fr), body (en, fr) of version 1
POLICIES = [
    (
        "policy",
        "peer-support-policy",
        1,
        ("Peer-support policy", "Politique de soutien par les pairs"),
        (
            """## 1. Purpose

This policy sets the rules under which colleagues support second victims: professionals
emotionally affected by an adverse event, a near miss or any hard situation at work.

## 2. Peer supporters

- Peer supporters are volunteers, for no set period, and receive no extra pay for this role.
- Their mission may be paused or ended, temporarily or for good, at their own request or at the
  request of the hospital's board, which is responsible for the programme working well.
- They keep confidential the names of the people they support and what is said. The only
  exception is imminent danger, where the law obliges them to act.
- They are trained to support second victims, and also keep confidential what concerns the
  programme itself (assessments, group supervision).
- The first list of peer supporters was drawn up by the group that founded the programme;
  peers may then co-opt colleagues to widen the offer.
- The Quality and Risk Office keeps the list of peer supporters and publishes it on the intranet
  for all staff.
- The rules of intervention are set out in a separate tool sheet, updated after each assessment
  of the programme and after the peers' feedback.

## 3. Commitments

Each peer supporter commits to complete the hospital's training; to adapt to each situation; to
support and guide the person and help them move forward; to keep the information received
confidential, except in imminent danger; to stay impartial; to take part in meetings of peers
and in group supervision; and not to go beyond their own limits.

## 4. Who may become a peer supporter

A professional who works at the hospital, volunteers, has lived a risk-management situation,
and can draw on their own experience.
""",
            """## 1. Objet

Cette politique fixe les règles selon lesquelles des collègues soutiennent les secondes
victimes : des professionnels touchés émotionnellement par un événement indésirable, un
presque-accident ou toute situation difficile au travail.

## 2. Les pairs aidants

- Les pairs aidants sont volontaires, sans durée fixée, et ne perçoivent aucune rémunération supplémentaire pour ce rôle.
- Leur mission peut être suspendue ou arrêtée, temporairement ou définitivement, à leur demande
  ou à celle de la direction de l'établissement, garante du bon fonctionnement du dispositif.
- Ils gardent confidentiels les noms des personnes qu'ils soutiennent et le contenu des
  échanges. La seule exception est un danger imminent, où la loi les oblige à agir.
- Ils sont formés au soutien des secondes victimes, et gardent aussi confidentiel ce qui
  concerne le dispositif lui-même (évaluations, supervision de groupe).
- La première liste de pairs aidants a été établie par le groupe fondateur du dispositif ; les
  pairs peuvent ensuite coopter des collègues pour élargir l'offre.
- Le service Qualité et Gestion des risques tient la liste des pairs aidants et la publie sur
  l'intranet pour tous les professionnels.
- Les règles d'intervention figurent dans une fiche outil distincte, mise à jour après chaque
  évaluation du dispositif et après les retours des pairs.

## 3. Engagements

Chaque pair aidant s'engage à suivre la formation de l'établissement ; à s'adapter à chaque
situation ; à soutenir et orienter la personne et l'aider à avancer ; à garder confidentielles
les informations reçues, sauf danger imminent ; à rester impartial ; à participer aux réunions
entre pairs et à la supervision de groupe ; et à ne pas aller au-delà de ses propres limites.

## 4. Qui peut devenir pair aidant

Un professionnel qui travaille dans l'établissement, volontaire, qui a vécu une situation de
gestion des risques et peut s'appuyer sur sa propre expérience.
""",
        ),
    ),
    (
        "rules",
        "rules-of-intervention",
        2,
        ("Rules of intervention (tool sheet)", "Règles d'intervention (fiche outil)"),
        (
            """## Before the meeting

- Answer a request quickly, by the means of contact the person chose.
- If you know the person too well, or were involved in the event, pass the request on.
- Agree on a quiet place and a time that suits the person, away from the ward if they prefer.

## During the meeting

- Recall the confidentiality rule and its one exception (imminent danger) at the start.
- Listen; let the person lead. Do not judge, do not investigate, do not give clinical advice.
- Usually one to three meetings of 15 to 45 minutes are enough.
- Refer on when needed: psychological support, occupational health, the 24/7 lines.

## Outside the scope of peers

- Grievances about a colleague's conduct: refer to Human Resources.
- Group sessions for a team: refer to the employee assistance programme or a mental-health professional.

## After the meeting

- Record only that the meeting took place, and when. Never write down what was said.
- Talk about hard situations in group supervision, without names.
- Look after yourself: you may pause your role at any time.
""",
            """## Avant la rencontre

- Répondez vite à une demande, par le moyen de contact choisi par la personne.
- Si vous connaissez trop bien la personne, ou avez été impliqué dans l'événement, transmettez la demande.
- Convenez d'un lieu calme et d'un moment qui convient à la personne, hors du service si elle le préfère.

## Pendant la rencontre

- Rappelez dès le début la règle de confidentialité et sa seule exception (danger imminent).
- Écoutez ; laissez la personne mener. Ne jugez pas, n'enquêtez pas, ne donnez pas d'avis clinique.
- Une à trois rencontres de 15 à 45 minutes suffisent en général.
- Orientez quand il le faut : soutien psychologique, santé au travail, lignes 24 h/24.

## Hors du champ des pairs

- Les différends sur le comportement d'un collègue : orientez vers les ressources humaines.
- Les séances de groupe pour une équipe : orientez vers le programme d'aide aux salariés ou un professionnel de santé mentale.

## Après la rencontre

- Enregistrez seulement que la rencontre a eu lieu, et quand. N'écrivez jamais ce qui s'est dit.
- Parlez des situations difficiles en supervision de groupe, sans nom.
- Prenez soin de vous : vous pouvez suspendre votre rôle à tout moment.
""",
        ),
    ),
]

FIRST_VERSION_NOTE = (
    "First version, shipped with the application: adapt it to your hospital.",
    "Première version, livrée avec l'application : adaptez-la à votre établissement.",
)


def load_default_content(apps, schema_editor):
    Page = apps.get_model("resources", "Page")
    if Page.objects.exists():
        return
    Story = apps.get_model("resources", "Story")
    Hotline = apps.get_model("resources", "Hotline")
    PolicyDocument = apps.get_model("resources", "PolicyDocument")
    now = timezone.now()

    def published(fields):
        """Published and draft copies, identical, both languages stamped now."""
        values = {}
        for name, value in fields.items():
            values[name] = value
            values[f"draft_{name}"] = value
        return {
            **values,
            "is_published": True,
            "published_at": now,
            "en_changed_at": now,
            "fr_changed_at": now,
            "draft_en_changed_at": now,
            "draft_fr_changed_at": now,
            "search_text": fold(" ".join(fields.values())),
        }

    for slug, section, position, english, french in PAGES:
        fields = {}
        for language, (title, summary, body) in (("en", english), ("fr", french)):
            fields.update(
                {
                    f"title_{language}": title,
                    f"summary_{language}": summary,
                    f"body_{language}": body.strip(),
                }
            )
        Page.objects.create(slug=slug, section=section, position=position, **published(fields))

    for english, french in STORIES:
        fields = {
            "title_en": english[0],
            "body_en": english[1].strip(),
            "title_fr": french[0],
            "body_fr": french[1].strip(),
        }
        Story.objects.create(is_example=True, **published(fields))

    for position, (name, number, free_call, english, french) in enumerate(HOTLINES, start=1):
        Hotline.objects.create(
            name=name,
            number=number,
            is_free_call=free_call,
            hours_en=english[0],
            description_en=english[1],
            hours_fr=french[0],
            description_fr=french[1],
            position=position,
            en_changed_at=now,
            fr_changed_at=now,
        )

    for kind, slug, position, titles, bodies in POLICIES:
        document = PolicyDocument.objects.create(
            kind=kind, slug=slug, position=position, title_en=titles[0], title_fr=titles[1]
        )
        document.versions.create(
            number=1,
            status="published",
            effective_date=timezone.localdate(now),
            change_note_en=FIRST_VERSION_NOTE[0],
            change_note_fr=FIRST_VERSION_NOTE[1],
            body_en=bodies[0].strip(),
            body_fr=bodies[1].strip(),
            published_at=now,
            en_changed_at=now,
            fr_changed_at=now,
        )


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_pathway_content")]

    operations = [migrations.RunPython(load_default_content, migrations.RunPython.noop)]
