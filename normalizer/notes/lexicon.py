"""The words of legal time narratives: task verbs by UTBMS activity, and who a communication was with.

The phrase -> code rules follow the research (voice-entries.md §2.4: ABA litigation code set A101–A111, with
Eclipse Systems' per-code examples); they are a heuristic, so codes are offered as suggestions only.
"""
from __future__ import annotations


def _forms(spec: str) -> dict[str, str]:
    """'draft: draft drafted drafting' lines (indented lines continue the one above) -> {word: kind}."""
    out, kind = {}, ""
    for line in spec.strip().splitlines():
        if not line.startswith(" "):
            kind, line = line.split(":", 1)
        out.update((w, kind.strip()) for w in line.split())
    return out


# The first of these words in a description names the task.
TASKS = _forms("""
draft: draft drafts drafted drafting redraft redrafted revise revises revised revising revision revisions redline
       redlined redlining edit edits edited editing write wrote writing written finalize finalized finalizing finalise
       finalised amend amended amending compose composed markup mark-up marked
prepare: prepare prepares prepared preparing prep prepped preparation
review: review reviews reviewed reviewing analyze analyzed analyzing analyse analysed analysing analysis read reading
        examine examined examining study studied studying assess assessed assessing check checked checking evaluate
        evaluated evaluating consider considered considering go went going skim skimmed proofread proofreading
        receive received
research: research researched researching
comm: call calls called calling phone phoned telephone telephoned tc t/c tcf email emails emailed emailing e-mail
      e-mailed e-mails letter letters correspondence correspond corresponded corresponding conference conferences
      conferred confer conferring conf meeting meetings meet met discuss discussed discussing discussion speak spoke
      speaking talk talked voicemail vm message messaged text texted texting zoom videoconference update updated
      updating advise advised advising report reported respond responded responding reply replied replying
      follow-up negotiate negotiated negotiating negotiation exchange instruct instructed
attend: attend attended attending attendance appear appeared appearing appearance argue argued arguing deposition
        hearing trial mediation court
plan: plan planned planning strategize strategized strategy outline outlined
manage: organize organized organizing organise organised index indexed indexing upload uploaded uploading scan scanned
        bates compile compiled compiling assemble assembled filed e-filed
other: travel traveled travelled traveling travelling
""")

CODES = {"A101": "Plan and prepare for", "A102": "Research", "A103": "Draft/revise", "A104": "Review/analyze",
         "A105": "Communicate (in firm)", "A106": "Communicate (with client)",
         "A107": "Communicate (other outside counsel)", "A108": "Communicate (other external)",
         "A109": "Appear for/attend", "A110": "Manage data/files", "A111": "Other"}

# Who a communication was with -> its code. Multi-word cues are matched on the normalized description.
COUNTERPARTS = [
    ("A107", """opposing counsel|opp counsel|oc|defense counsel|defence counsel|plaintiff's counsel|plaintiffs counsel|
     plaintiff counsel|counsel for|co-counsel|co counsel|cocounsel|other side|other counsel|their counsel|
     landlord's counsel|tenant's counsel|buyer's counsel|seller's counsel|lender's counsel|borrower's counsel|
     counsel|prosecutor|crown|district attorney|da|ada|opposing party's lawyer|opposing lawyer|other lawyer"""),
    ("A105", """partner|associate|paralegal|team|colleague|law clerk|legal assistant|assistant|internal|supervising|
     junior|articling student|secretary|staff|firm"""),
    ("A106", "client|clients|client's"),
    ("A108", """court|clerk|registry|judge|chambers|expert|witness|insurer|adjuster|mediator|arbitrator|vendor|agency|
     court reporter|landlord|tenant|bank|accountant|realtor|agent|police|officer|title company|escrow|uscis|examiner|
     trustee|lender|doctor|physician|probation|registrar|appraiser|broker|guardian ad litem"""),
]

# Words that carry the subject of a communication ('email to client re next steps').
SUBJECT_MARKERS = ("re", "re:", "regarding", "about", "concerning", "on", "to discuss", "as to", "over", "why",
                   "whether", "how", "that", "what")

PREPOSITIONS = frozenset("on for re re: regarding in with under about to at from by of into".split())
