"""Suggestion commands: train, run, evaluate, queue, accept, reject, status.

The `suggest` group is wired here, in the order its help lists the commands; the model's commands
(train, evaluate, status) live in `suggest_model_cmds`, the review commands (run, queue, accept,
reject) in `suggest_review_cmds`.
"""

from __future__ import annotations

import typer

from qualcode.cli import suggest_model_cmds as model
from qualcode.cli import suggest_review_cmds as review

suggest_app = typer.Typer(help="Code suggestions: train, run, evaluate, review queue.")
suggest_app.command("train")(model.train)
suggest_app.command("run")(review.run)
suggest_app.command("evaluate")(model.evaluate)
suggest_app.command("queue")(review.queue)
suggest_app.command("accept")(review.accept)
suggest_app.command("reject")(review.reject)
suggest_app.command("status")(model.status)
