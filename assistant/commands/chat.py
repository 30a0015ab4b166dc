"""`assistant chat --member M0001 [--thread T]`: a terminal conversation with the assistant.

The member comes from the flag (the CLI is an operator's tool, like a support agent's console); answers
stream as they are produced, tool calls are shown as dim steps, and a side effect waits for a y/n answer.
Every turn starts through the turn service the web app uses (size, rate and in-flight limits, thread
ownership, the waiting action), so the terminal behaves as a member's widget does; a refusal is printed.
Commands: /new (new conversation), /threads (list), /quit.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import typer

from assistant.events import Notice, PendingAction, TextDelta, ToolCall, ToolResult, TurnEvent
from assistant.web.limits import MemberBusy, RateLimited
from assistant.web.turn_service import TurnRefused, TurnRequest, TurnService

if TYPE_CHECKING:
    from rich.console import Console


def main(
    member: str = typer.Option(..., "--member", "-m", help="member id to chat as, e.g. M0001"),
    thread: str | None = typer.Option(None, "--thread", "-t", help="resume this conversation of the member's"),
    model: str | None = typer.Option(None, "--model", help="override ASSISTANT_MODEL for this session"),
) -> None:
    """Chat with the assistant in the terminal (tool calls shown, confirmations as y/n prompts)."""
    from rich.console import Console
    from rich.prompt import Confirm, Prompt

    from assistant.logs import configure_logging
    from assistant.models import ModelConfigError
    from assistant.runtime import build_runtime
    from assistant.settings import load_settings
    from tools.agent_tools.members import member_profile
    from tools.errors import NotFound

    console = Console()
    overrides: dict[str, Any] = {"ASSISTANT_MODEL": model} if model else {}
    settings = load_settings(**overrides)
    configure_logging("WARNING", log_content=settings.log_content)
    logging.getLogger("retrieval").setLevel(logging.INFO)  # a first run builds the index: show its progress
    console.print("[dim]Starting the assistant (the first run builds the search index)...[/dim]")
    try:
        runtime = build_runtime(settings)
    except ModelConfigError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    try:
        try:
            profile = member_profile(runtime.services, member)
        except NotFound:
            console.print(f"[red]No member with id {member!r}.[/red]")
            raise typer.Exit(2) from None
        console.print(
            f"[bold]Member assistant[/bold] ({runtime.conversations.model_name}) - chatting as "
            f"{profile.name} ({profile.id}). /new, /threads, /quit."
        )
        try:
            session = ChatSession(
                TurnService.from_settings(runtime.conversations, settings),
                member,
                thread,
                console=console,
                ask=lambda: Prompt.ask("[bold cyan]you[/bold cyan]", console=console),
                confirm=lambda: Confirm.ask("Approve?", console=console, default=False),
            )
        except TurnRefused as exc:
            console.print(f"[red]{exc.message}[/red]")
            raise typer.Exit(2) from None
        session.loop()
    finally:
        runtime.close()


class ChatSession:
    """The terminal loop, separate from typer and the runtime so it can be driven by tests."""

    def __init__(
        self,
        turns: TurnService,
        member_id: str,
        thread_id: str | None,
        *,
        console: Console,
        ask: Callable[[], str],
        confirm: Callable[[], bool],
    ) -> None:
        self.turns = turns
        self.conversations = turns.conversations
        self.member_id = member_id
        self.console = console
        self.ask = ask
        self.confirm = confirm
        self.thread_id = turns.thread(member_id, thread_id)  # TurnRefused (404) when it is not the member's
        self.console.print(f"[dim]conversation {self.thread_id}[/dim]")

    def loop(self) -> None:
        pending = self.conversations.pending(member_id=self.member_id, thread_id=self.thread_id)
        if pending is not None:
            self._confirm_loop(pending)
        while True:
            try:
                text = self.ask().strip()
            except (EOFError, KeyboardInterrupt):
                return
            if not text:
                continue
            if text in ("/quit", "/exit"):
                return
            if text == "/new":
                self.thread_id = self.conversations.new_thread(self.member_id)
                self.console.print(f"[dim]new conversation {self.thread_id}[/dim]")
                continue
            if text == "/threads":
                for info in self.conversations.threads(self.member_id):
                    self.console.print(f"[dim]{info.id}  {info.updated_at:%Y-%m-%d %H:%M}  {info.title}[/dim]")
                continue
            pending = self.run(TurnRequest(member_id=self.member_id, text=text, thread_id=self.thread_id))
            if pending is not None:
                self._confirm_loop(pending)

    def _confirm_loop(self, pending: PendingAction | None) -> None:
        while pending is not None:
            approve = self.confirm()
            pending = self.run(TurnRequest(member_id=self.member_id, thread_id=self.thread_id, decision=approve))

    def run(self, request: TurnRequest) -> PendingAction | None:
        """One turn through the turn service: its events shown, or its refusal printed (nothing ran then)."""
        try:
            turn = self.turns.start(request)
        except TurnRefused as exc:
            self.console.print(f"[red]{exc.message}[/red]")
            return None
        except (RateLimited, MemberBusy) as exc:
            self.console.print(f"[yellow]{exc}[/yellow]")
            return None
        return self.show(turn.events())

    def show(self, events: Iterable[TurnEvent]) -> PendingAction | None:
        """Print a turn's events; returns the pending action, if the turn ended waiting for one."""
        from rich.markup import escape
        from rich.panel import Panel

        from assistant.guardrails import InertStream, error_code

        streaming = False
        pending: PendingAction | None = None
        inert = InertStream()  # model text is untrusted here too: no markup or link destination is printed
        for event in events:
            if isinstance(event, TextDelta):
                if not streaming:
                    self.console.print("[bold green]assistant[/bold green] ", end="")
                    streaming = True
                self.console.print(inert.feed(event.text), end="", markup=False, highlight=False)
                continue
            if streaming:
                self.console.print(inert.flush(), markup=False, highlight=False)
                streaming = False
            match event:
                case ToolCall(name=name, args=args):
                    shown_args = json.dumps(args, ensure_ascii=False)
                    self.console.print(f"[dim]  -> {name}({escape(shown_args)})[/dim]", markup=True, highlight=False)
                case ToolResult(name=name, ok=ok, content=content):
                    # only the code of a failure: its text is written for the model
                    shown = f"ok {len(content)} chars" if ok else f"error {error_code(content)}"
                    self.console.print(f"[dim]  <- {name}: {shown}[/dim]", highlight=False)
                case PendingAction():
                    pending = event
                    self.console.print(Panel(event.summary, title=f"Confirm {event.tool}", border_style="yellow"))
                case Notice(level=level, text=text):
                    colour = {"info": "blue", "warning": "yellow", "error": "red"}[level]
                    self.console.print(f"[{colour}]{text}[/{colour}]")
                case _:  # TurnEnd: the answer was already streamed as text
                    pass
        if streaming:
            self.console.print(inert.flush(), markup=False, highlight=False)
        return pending
