"""The chat's stylesheet (cards, the inline approval, the side panel, the badge, the phone-width layout) and
the page's one small script.

The script exists because the chat's HTML is sanitised (no inline handlers, no data attributes): a card's
button carries the request it sends in its `value`, an approval's button says approve or reject, and one
listener on the document turns a click into the member's message or a press of the hidden decide button.
It also scrolls a new approval into view, so it is never below the fold.
"""

from __future__ import annotations

HEAD = """<script>
(() => {
  const press = (id) => { const button = document.getElementById(id); if (button) button.click(); };
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || !target.closest("#ma-chat")) return;
    const decide = target.closest("button.ma-decide");
    if (decide) {
      event.preventDefault();
      const approval = decide.closest(".ma-approval");
      if (approval) approval.querySelectorAll("button.ma-decide").forEach((b) => { b.disabled = true; });
      press(decide.value === "approve" ? "ma-confirm" : "ma-cancel");
      return;
    }
    const action = target.closest("button.ma-act");
    const box = document.querySelector("#ma-message textarea");
    if (action && box && action.value) {
      event.preventDefault();
      box.value = action.value;
      box.dispatchEvent(new Event("input", { bubbles: true }));
      setTimeout(() => press("ma-send"), 60);
    }
  });
  const seen = new WeakSet();
  new MutationObserver(() => {
    document.querySelectorAll("#ma-chat .ma-approval.ma-live").forEach((approval) => {
      if (seen.has(approval)) return;
      seen.add(approval);
      setTimeout(() => approval.scrollIntoView({ block: "nearest" }), 150);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
</script>"""

CSS = """
.ma-header { align-items: center; justify-content: space-between; flex-wrap: nowrap; }
.ma-title { font-size: 1.35rem; font-weight: 700; }
.ma-engine { display: inline-block; padding: 4px 10px; border-radius: 999px; font-size: .85rem;
  background: var(--neutral-100); color: var(--neutral-800); border: 1px solid var(--neutral-300); }
.ma-engine-offline { background: #fff4e5; color: #8a4b00; border-color: #f5c27a; font-weight: 600; }
#ma-engine-badge { text-align: right; }
.ma-header { gap: 8px 12px; flex-wrap: wrap !important; }
.ma-header > #ma-title { flex: 1 1 auto !important; min-width: 150px !important; }
.ma-header > #ma-chip, .ma-header > #ma-engine-badge, .ma-header > #ma-language {
  flex: 0 0 auto !important; min-width: 0 !important; width: auto !important; }
#ma-language .wrap { flex-wrap: nowrap; gap: 4px; }
#ma-chip { display: none !important; }
.ma-chip { display: inline-flex; gap: 6px; align-items: baseline; padding: 3px 10px; border-radius: 999px;
  background: #ecfdf5; color: #064e3b; font-size: .85rem; }
.ma-chip-value { font-weight: 800; }
.ma-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; margin: 2px 0;
  max-width: 100%; }
.ma-card { min-width: 0; display: flex; flex-direction: column; border: 1px solid var(--neutral-200);
  border-radius: 10px; padding: 8px 10px; background: var(--background-fill-primary);
  box-shadow: 0 1px 2px rgba(0,0,0,.05); overflow-wrap: anywhere; }
.ma-card-actions { display: flex; flex-wrap: wrap; gap: 4px; margin-top: auto; padding-top: 6px; }
.ma-act { font-size: .8rem; padding: 2px 8px; border-radius: 6px; border: 1px solid var(--neutral-300);
  background: var(--neutral-50); color: var(--neutral-800); cursor: pointer; }
.ma-act:hover { background: var(--neutral-100); }
.ma-approval { border: 1px solid #f5c27a; border-radius: 10px; overflow: hidden; }
.ma-approval-actions { display: flex; flex-wrap: wrap; gap: 8px; padding: 8px 12px; background: #fffbeb; }
.ma-decide { padding: 6px 14px; border-radius: 8px; font-weight: 650; cursor: pointer; border: 1px solid; }
.ma-approve { background: #047857; border-color: #047857; color: #fff; }
.ma-reject { background: #fff; border-color: var(--neutral-400); color: var(--neutral-800); }
.ma-decide:disabled { opacity: .5; cursor: wait; }
.ma-approval-outcome { padding: 6px 12px; font-weight: 650; color: var(--neutral-700); background: #fffbeb; }
.ma-settled { border-color: var(--neutral-300); }
.ma-pending-points { border-radius: 8px; padding: 6px 10px; background: #eff6ff; color: #1e3a8a; font-size: .9rem; }
.ma-examples { flex-wrap: wrap !important; gap: 6px; }
.ma-examples > .ma-example { flex: 1 1 200px !important; min-width: 0 !important; white-space: normal;
  text-align: left; justify-content: flex-start; }
.ma-examples-title { font-size: .85rem; color: var(--neutral-600); margin-top: 4px; }
.ma-card-name { font-weight: 650; line-height: 1.25; margin-bottom: 2px; }
.ma-card-meta { font-size: .78rem; color: var(--neutral-500); }
.ma-card-facts { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0; font-size: .9rem; align-items: baseline; }
.ma-price { font-weight: 700; }
.ma-rating { color: #b7791f; }
.ma-points { color: #047857; font-weight: 600; }
.ma-card-reason { font-size: .85rem; color: var(--neutral-700); }
.ma-pending { padding: 10px 12px; border-left: 4px solid #d97706; background: #fffbeb; color: #3b2b05; }
.ma-pending-title { font-weight: 700; margin-bottom: 4px; }
.ma-pending-row { display: flex; justify-content: space-between; gap: 12px; font-size: .9rem; }
.ma-pending-row span:last-child { text-align: right; }
.ma-panel { display: flex; flex-direction: column; gap: 8px; padding: 4px; }
.ma-panel-member { font-weight: 650; display: flex; gap: 8px; align-items: center; }
.ma-rank { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; padding: 1px 6px;
  border-radius: 6px; background: var(--neutral-100); color: var(--neutral-700); }
.ma-balance { border-radius: 10px; padding: 10px 12px; background: #ecfdf5; color: #064e3b; }
.ma-balance-label { font-size: .8rem; }
.ma-balance-value { font-size: 1.6rem; font-weight: 800; }
.ma-expiring { border-radius: 8px; padding: 6px 10px; background: #fef3c7; color: #7c2d12; font-weight: 600;
  font-size: .9rem; }
.ma-section { font-weight: 650; margin-top: 6px; }
.ma-booking { border: 1px solid var(--neutral-200); border-radius: 8px; padding: 6px 8px; }
.ma-booking-name { font-weight: 600; }
.ma-booking-meta, .ma-booking-id { font-size: .8rem; color: var(--neutral-600); }
.ma-panel-empty, .ma-panel-error { color: var(--neutral-500); font-size: .9rem; }
.ma-coming { max-width: 720px; }
@media (max-width: 480px) {
  .gradio-container { padding: 4px 6px !important; }
  .ma-header { flex-wrap: wrap; row-gap: 4px; }
  .ma-title { font-size: 1rem; }
  .ma-header > #ma-title { flex: 0 1 auto !important; min-width: 0 !important; }
  #ma-chip { display: block !important; }
  .ma-examples > .ma-example { flex-basis: 100% !important; }
  .ma-engine { font-size: .72rem; padding: 2px 8px; }
  .ma-signin { flex-wrap: nowrap; }
  .ma-cards { grid-template-columns: 1fr 1fr; }
  #ma-chat { height: 430px !important; }
}
"""
