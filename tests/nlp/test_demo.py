"""On the demo corpus, a model trained on some interviews beats chance on held-out ones."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import qualcode.nlp
from qualcode.demo import DEMO_TRANSCRIPTS, build_demo
from qualcode.nlp.corpus import codebook_entries
from qualcode.nlp.evaluate import HeldOut, mode_scores, top_k_rate
from qualcode.nlp.labels import TrainingSet, training_set
from qualcode.nlp.suggester import Suggester
from qualcode.nlp.train import train_pipeline
from qualcode.store.db import open_project


@pytest.mark.skipif(not DEMO_TRANSCRIPTS.is_dir(), reason="demo transcripts not present")
def test_model_beats_chance_on_held_out_demo_documents(tmp_path: Path) -> None:
    target = str(tmp_path / "demo.qc")
    build_demo(target, coder="tester", train=False)
    with open_project(target) as project, project.read() as session:
        codes = codebook_entries(session)
        training = training_set(session, codes)
    documents = sorted({p.passage.document_id for p in training.passages})
    held_out_docs = set(documents[::4])
    part = TrainingSet(
        training.labels,
        [p for p in training.passages if p.passage.document_id not in held_out_docs],
        training.examples,
        training.coding_ids,
    )
    positives = part.positives_per_label()
    labels = [code for code, n in positives.items() if n]
    nlp = train_pipeline(part.items(), labels, epochs=6).nlp
    suggester = Suggester(nlp, codes, 0.5, trained_positives=positives)
    tests = [p for p in training.passages if p.passage.document_id in held_out_docs]
    layers = [layer for _, layer in suggester.layers([t.passage for t in tests])]
    scored = [
        HeldOut(item, mode_scores(suggester, layer))
        for layer, item in zip(layers, tests, strict=True)
    ]
    chance = 2 * 1.5 / len(training.labels)  # two guesses, about 1.5 codes per coded passage
    assert top_k_rate(scored, "model", 2) > 3 * chance
    assert top_k_rate(scored, "combined", 2) > 0.6


def test_core_imports_no_ui_libraries() -> None:
    """qualcode.nlp is core: the CLI and TUI import it, never the other way round."""
    folder = Path(qualcode.nlp.__file__).parent
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        roots = {name.split(".")[0] for name in names}
        assert not roots & {"textual", "typer", "rich"}, path.name
        assert not any(name.startswith("qualcode.cli") for name in names), path.name
