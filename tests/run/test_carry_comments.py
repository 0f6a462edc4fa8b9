"""Comments a consultant adds to a deck in PowerPoint are on the same slide of the next
version: modern comments (PowerPoint 365: `ppt/comments/modernComment_….xml` and
`ppt/authors.xml`) and legacy ones (`ppt/comments/comment1.xml` and
`ppt/commentAuthors.xml`), written here part by part as PowerPoint writes them; a
comment on a slide that is no longer generated is a listed conflict, never dropped."""

from __future__ import annotations

import shutil
import uuid

import pptx
import pytest
from lxml import etree
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from playbook.run.carry import deck
from playbook.run.carry.deck import _delete_slide

from .test_carry import _slide, files, generated, say  # noqa: F401 - the fixture is shared

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P188 = "http://schemas.microsoft.com/office/powerpoint/2018/8/main"
PC = "http://schemas.microsoft.com/office/powerpoint/2013/main/command"
AC = "http://schemas.microsoft.com/office/drawing/2013/main/command"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
A16 = "http://schemas.microsoft.com/office/drawing/2014/main"
MODERN = "http://schemas.microsoft.com/office/2018/10/relationships/comments"
MODERN_AUTHORS = "http://schemas.microsoft.com/office/2018/10/relationships/authors"
LEGACY = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
LEGACY_AUTHORS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/commentAuthors"

PARTNER = ("{5B3C1D2E-0000-4000-8000-00000000A001}", "Claire Dubois", "CD")
ON_SLIDE = "Ajouter le calendrier des COPIL sur cette diapositive."
ON_TITLE = "Titre trop long pour le client."
LEGACY_TEXT = "Vérifier ce chiffre avec la DRH."
ON_ADDED = "À présenter par le sponsor."
ON_GONE = "Nommer les utilisateurs clés de chaque agence."


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _related(source_part, reltype):
    return next((r.target_part for r in source_part.rels.values() if r.reltype == reltype), None)


def _creation_id(slide) -> str:
    """The slide's creation id, added as PowerPoint does when it saves."""
    found = slide._element.find(f".//{{{P14}}}creationId")
    if found is not None:
        return found.get("val")
    extensions = slide._element.find(f"{{{P}}}extLst")
    if extensions is None:
        extensions = etree.SubElement(slide._element, f"{{{P}}}extLst")
    extension = etree.SubElement(extensions, f"{{{P}}}ext",
                                 uri="{BB962C8B-B14F-4D97-AF65-F5344CB8AC3E}")
    value = str(1000000 + slide.slide_id)
    etree.SubElement(extension, f"{{{P14}}}creationId", val=value, nsmap={"p14": P14})
    return value


def add_modern_comment(presentation, slide, text, shape=None):
    """A PowerPoint 365 comment on `slide` (or on `shape` of it)."""
    package = presentation.part.package
    authors = _related(presentation.part, MODERN_AUTHORS)
    if authors is None:
        root = etree.Element(f"{{{P188}}}authorLst", nsmap={"p188": P188})
        etree.SubElement(root, f"{{{P188}}}author", id=PARTNER[0], name=PARTNER[1],
                         initials=PARTNER[2], userId=PARTNER[1], providerId="None")
        authors = Part(PackURI("/ppt/authors.xml"),
                       "application/vnd.ms-powerpoint.authors+xml", package, _xml(root))
        presentation.part.relate_to(authors, MODERN_AUTHORS)
    root = etree.Element(f"{{{P188}}}cmLst", nsmap={"p188": P188, "a": A, "r": R})
    comment = etree.SubElement(root, f"{{{P188}}}cm", id="{" + str(uuid.uuid4()).upper() + "}",
                               authorId=PARTNER[0], created="2027-02-20T10:15:00.000")
    monikers = etree.SubElement(
        comment, f"{{{AC if shape is not None else PC}}}{'deMkLst' if shape is not None else 'sldMkLst'}",
        nsmap={"pc": PC, "ac": AC})
    etree.SubElement(monikers, f"{{{PC}}}docMk")
    etree.SubElement(monikers, f"{{{PC}}}sldMk", cId=_creation_id(slide), sldId=str(slide.slide_id))
    if shape is not None:
        guid = "{" + str(uuid.uuid4()).upper() + "}"
        properties = next(shape._element.iter(f"{{{P}}}cNvPr"))
        extension = etree.SubElement(etree.SubElement(properties, f"{{{A}}}extLst"), f"{{{A}}}ext",
                                     uri="{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}")
        etree.SubElement(extension, f"{{{A16}}}creationId", id=guid, nsmap={"a16": A16})
        etree.SubElement(monikers, f"{{{AC}}}spMk", id=str(shape.shape_id), creationId=guid)
    etree.SubElement(comment, f"{{{P188}}}pos", x="100", y="100")
    body = etree.SubElement(comment, f"{{{P188}}}txBody")
    etree.SubElement(body, f"{{{A}}}bodyPr")
    etree.SubElement(etree.SubElement(etree.SubElement(body, f"{{{A}}}p"), f"{{{A}}}r"),
                     f"{{{A}}}t").text = text
    part = Part(package.next_partname("/ppt/comments/modernComment_%d.xml"),
                "application/vnd.ms-powerpoint.comments+xml", package, _xml(root))
    rid = slide.part.relate_to(part, MODERN)
    extensions = slide._element.find(f"{{{P}}}extLst")
    extension = etree.SubElement(extensions, f"{{{P}}}ext", uri="{6950BFC3-D8DA-4A85-94F7-54DA5524770B}")
    etree.SubElement(extension, f"{{{P188}}}commentRel", {f"{{{R}}}id": rid},
                     nsmap={"p188": P188, "r": R})


def add_legacy_comment(presentation, slide, text):
    """A comment as PowerPoint 2013-2019 wrote it."""
    package = presentation.part.package
    if _related(presentation.part, LEGACY_AUTHORS) is None:
        root = etree.Element(f"{{{P}}}cmAuthorLst", nsmap={"p": P})
        etree.SubElement(root, f"{{{P}}}cmAuthor", id="0", name="Marc Leroy", initials="ML",
                         lastIdx="1", clrIdx="0")
        authors = Part(PackURI("/ppt/commentAuthors.xml"),
                       "application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml",
                       package, _xml(root))
        presentation.part.relate_to(authors, LEGACY_AUTHORS)
    root = etree.Element(f"{{{P}}}cmLst", nsmap={"p": P})
    comment = etree.SubElement(root, f"{{{P}}}cm", authorId="0", dt="2027-02-20T10:20:00.000",
                               idx="1")
    etree.SubElement(comment, f"{{{P}}}pos", x="10", y="10")
    etree.SubElement(comment, f"{{{P}}}text").text = text
    part = Part(package.next_partname("/ppt/comments/comment%d.xml"),
                "application/vnd.openxmlformats-officedocument.presentationml.comments+xml",
                package, _xml(root))
    slide.part.relate_to(part, LEGACY)


def comments_on(slide, reltype):
    """The comments of `slide` as a reader of the file finds them: (text, element)."""
    found = []
    for relationship in slide.part.rels.values():
        if relationship.reltype == reltype:
            for element in etree.fromstring(relationship.target_part.blob):
                body = element.find(f"{{{P188}}}txBody")
                text = ("".join(t.text or "" for t in body.iter(f"{{{A}}}t")) if body is not None
                        else element.findtext(f"{{{P}}}text"))
                found.append((text, element))
    return found


def comment_deck(path):
    """PowerPoint's comments on generated slides, on a title, on a slide the consultant
    added; the new version is generated after the engagement changed."""
    presentation = pptx.Presentation(str(path))
    governance = _slide(presentation, "Hélène Marchal porte le projet")
    add_modern_comment(presentation, governance, ON_SLIDE)
    objectives = _slide(presentation, "5 objectifs CRM")
    add_modern_comment(presentation, objectives, ON_TITLE, shape=objectives.shapes.title)
    add_legacy_comment(presentation, _slide(presentation, "Synthèse"), LEGACY_TEXT)
    layout = next(x for x in presentation.slide_layouts if x.name == "Title Only")
    added = presentation.slides.add_slide(layout)
    added.shapes.title.text = "Diapositive ajoutée par l'associée"
    add_modern_comment(presentation, added, ON_ADDED)
    presentation.save(str(path))


def test_comments_are_on_the_same_slides_of_the_new_deck(generated, tmp_path):  # noqa: F811
    base, mine, new = files(generated, tmp_path, ".pptx")
    comment_deck(mine)

    outcome = deck.carry(base, mine, new, say)

    presentation = pptx.Presentation(str(new))
    governance = _slide(presentation, "Hélène Marchal porte le projet")
    [(text, element)] = comments_on(governance, MODERN)
    assert text == ON_SLIDE
    marker = element.find(f".//{{{PC}}}sldMk")
    assert marker.get("sldId") == str(governance.slide_id)  # bound to the new deck's slide
    assert marker.get("cId") == governance._element.find(f".//{{{P14}}}creationId").get("val")
    objectives = _slide(presentation, "5 objectifs CRM")
    [(text, element)] = comments_on(objectives, MODERN)
    assert text == ON_TITLE
    shape = element.find(f".//{{{AC}}}spMk")
    title = objectives.shapes.title
    assert shape.get("id") == str(title.shape_id)
    assert shape.get("creationId") == next(title._element.iter(f"{{{A16}}}creationId")).get("id")
    [(text, element)] = comments_on(_slide(presentation, "Synthèse"), LEGACY)
    assert text == LEGACY_TEXT
    authors = etree.fromstring(_related(presentation.part, LEGACY_AUTHORS).blob)
    [author] = [a for a in authors if a.get("id") == element.get("authorId")]
    assert author.get("name") == "Marc Leroy" and int(author.get("lastIdx")) >= int(element.get("idx"))
    [(text, _)] = comments_on(_slide(presentation, "Diapositive ajoutée par l'associée"), MODERN)
    assert text == ON_ADDED
    names = [a.get("name") for a in etree.fromstring(_related(presentation.part, MODERN_AUTHORS).blob)]
    assert names == [PARTNER[1]]
    others = [s for s in presentation.slides if s.shapes.title is None or not s.shapes.title.text
              .startswith(("Hélène", "5 objectifs", "Synthèse", "Diapositive ajoutée"))]
    assert not any(comments_on(s, MODERN) or comments_on(s, LEGACY) for s in others)
    carried = sorted(item["yours"] for item in outcome.carried if item["kind"] == "comment")
    assert carried == sorted([ON_SLIDE, ON_TITLE, LEGACY_TEXT, ON_ADDED])
    assert outcome.conflicts == []


def test_comments_survive_a_second_run_once_each(generated, tmp_path):  # noqa: F811
    """The carried deck, edited again, carried into a third version: still one of each."""
    base, mine, new = files(generated, tmp_path, ".pptx")
    comment_deck(mine)
    deck.carry(base, mine, new, say)
    again = tmp_path / "again.pptx"
    shutil.copyfile(generated["after"] / "framing_note.pptx", again)

    deck.carry(generated["after"] / "framing_note.pptx", new, again, say)

    presentation = pptx.Presentation(str(again))
    texts = sorted(text for slide in presentation.slides for reltype in (MODERN, LEGACY)
                   for text, _ in comments_on(slide, reltype))
    assert texts == sorted([ON_SLIDE, ON_TITLE, LEGACY_TEXT, ON_ADDED])
    governance = _slide(presentation, "Hélène Marchal porte le projet")
    assert [t for t, _ in comments_on(governance, MODERN)] == [ON_SLIDE]


def test_a_comment_on_a_slide_no_longer_generated_is_a_conflict_kept_in_the_notes(
    generated, tmp_path  # noqa: F811
):
    base, mine, new = files(generated, tmp_path, ".pptx")
    presentation = pptx.Presentation(str(mine))
    team = _slide(presentation, "Équipe transdisciplinaire")
    gone = team.shapes.title.text
    add_modern_comment(presentation, team, ON_GONE)
    presentation.save(str(mine))
    generated_now = pptx.Presentation(str(new))  # the engagement no longer gives that slide
    _delete_slide(generated_now, _slide(generated_now, gone))
    generated_now.save(str(new))

    outcome = deck.carry(base, mine, new, say)

    [conflict] = outcome.conflicts
    assert conflict["kind"] == "comment_slide_gone" and conflict["yours"] == ON_GONE
    assert conflict["before"] == gone
    presentation = pptx.Presentation(str(new))
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in presentation.slides]
    assert gone not in titles
    slides = list(pptx.Presentation(str(mine)).slides)
    before = slides[[s.shapes.title.text if s.shapes.title is not None else "" for s in slides]
                    .index(gone) - 1].shapes.title.text
    notes = _slide(presentation, before).notes_slide.notes_text_frame.text
    assert ON_GONE in notes and gone in notes
    assert not any(comments_on(s, MODERN) for s in presentation.slides)
    from playbook.run.carry import FileReview
    from playbook.run.carry.review import review_page

    page = review_page("Mutuelle Horizon", "framing_note", [FileReview(
        "framing_note.pptx", outcome.carried, outcome.conflicts, outcome.changed)], "fr")
    assert "commentaire sur une diapositive qui n&#x27;est plus produite" in page
    assert ON_GONE in page


@pytest.mark.libreoffice
def test_libreoffice_opens_the_carried_comments(generated, tmp_path):  # noqa: F811
    """The new deck, comments included, is a file an office suite opens: LibreOffice
    converts it and keeps the legacy comment, with its author, as an annotation (the
    LibreOffice of the test machines reads no modern comments)."""
    import subprocess
    import zipfile

    base, mine, new = files(generated, tmp_path, ".pptx")
    comment_deck(mine)
    deck.carry(base, mine, new, say)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice is not None
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "odp", "--outdir", str(tmp_path / "lo"), str(new)],
        check=True, capture_output=True, timeout=300,
    )
    content = zipfile.ZipFile(tmp_path / "lo" / "new.odp").read("content.xml").decode("utf-8")
    assert LEGACY_TEXT in content and "annotation>" in content and "Marc Leroy" in content


def test_a_rerun_keeps_the_comment_on_its_slide(tmp_path, notebooks):
    """Through `playbook run`: a comment added in PowerPoint, the engagement changed, the
    deck rendered again; the comment is on the slide, and the edited deck is kept too."""
    from playbook.run.execute import run_engagement

    from .helpers import write_engagement

    engagement = write_engagement(tmp_path)
    out = tmp_path / "out"
    run_engagement(engagement, out, only=["framing_note"], notebooks_dir=notebooks)
    path = out / "Coopérative Laitière du Val" / "fr" / "framing_note.pptx"
    presentation = pptx.Presentation(str(path))
    add_modern_comment(presentation, presentation.slides[0], ON_SLIDE)
    presentation.save(str(path))
    write_engagement(tmp_path, headcounts=(120, 99))

    result = run_engagement(engagement, out, only=["framing_note"], notebooks_dir=notebooks)

    [(text, element)] = comments_on(pptx.Presentation(str(path)).slides[0], MODERN)
    assert text == ON_SLIDE
    assert [k.file for k in result.kept_edits] == ["framing_note.pptx"]
    [review] = [r for r in result.reviews if r.file == "framing_note.pptx"]
    assert [c["yours"] for c in review.carried if c["kind"] == "comment"] == [ON_SLIDE]


@pytest.mark.libreoffice
def test_a_comment_in_a_deck_saved_by_libreoffice_is_carried(generated, tmp_path):  # noqa: F811
    """LibreOffice writes its comments as legacy ones, with its own part names and
    authors: the comment is on the same slide of the new deck."""
    from .test_carry import _through_libreoffice

    base, mine, new = files(generated, tmp_path, ".pptx")
    presentation = pptx.Presentation(str(mine))
    add_legacy_comment(presentation, _slide(presentation, "Synthèse"), LEGACY_TEXT)
    presentation.save(str(mine))
    _through_libreoffice(mine, tmp_path)
    saved = pptx.Presentation(str(mine))
    assert [t for t, _ in comments_on(_slide(saved, "Synthèse"), LEGACY)] == [LEGACY_TEXT]

    outcome = deck.carry(base, mine, new, say)

    presentation = pptx.Presentation(str(new))
    assert [t for t, _ in comments_on(_slide(presentation, "Synthèse"), LEGACY)] == [LEGACY_TEXT]
    assert [c["yours"] for c in outcome.carried if c["kind"] == "comment"] == [LEGACY_TEXT]
