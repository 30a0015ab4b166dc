"""The chat's stylesheet: cards, the side panel, the engine badge, and the phone-width layout."""

from __future__ import annotations

HEAD = ""

CSS = """
.ma-header { align-items: center; justify-content: space-between; flex-wrap: nowrap; }
.ma-title { font-size: 1.35rem; font-weight: 700; }
.ma-engine { display: inline-block; padding: 4px 10px; border-radius: 999px; font-size: .85rem;
  background: var(--neutral-100); color: var(--neutral-800); border: 1px solid var(--neutral-300); }
.ma-engine-offline { background: #fff4e5; color: #8a4b00; border-color: #f5c27a; font-weight: 600; }
#ma-engine-badge { text-align: right; }
.ma-cards { display: flex; flex-wrap: nowrap; overflow-x: auto; gap: 8px; margin: 2px 0; padding-bottom: 4px;
  scroll-snap-type: x proximity; max-width: 100%; }
.ma-card { flex: 0 0 215px; border: 1px solid var(--neutral-200); border-radius: 10px; padding: 8px 10px;
  background: var(--background-fill-primary); box-shadow: 0 1px 2px rgba(0,0,0,.05); scroll-snap-align: start; }
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
#ma-pending-box { border: 1px solid #f5c27a; }
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
  .ma-title { font-size: 1.1rem; }
  .ma-card { flex-basis: 78%; }
  #ma-chat { height: 420px !important; }
}
"""
